using System.Collections.Specialized;
using System.Net;
using System.Security.Claims;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests.Http;

/// <summary>
/// An HTTP request as the Functions worker hands it to an HTTP-triggered function, and the response the
/// function builds: what the HTTP API's functions are called with here, since no Functions host runs in
/// the tests. The body is bytes, exactly as a client sent them.
/// </summary>
internal sealed class FunctionsHttpRequest : HttpRequestData
{
    private FunctionsHttpRequest(FunctionContext context, string method, Uri url, Stream body)
        : base(context)
    {
        Method = method;
        Url = url;
        Body = body;
    }

    public override Stream Body { get; }

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; }

    public static FunctionsHttpRequest Post(string url, byte[] body) =>
        new(new Context(), "POST", new Uri(url), new MemoryStream(body, writable: false));

    public static FunctionsHttpRequest Get(string url) =>
        new(new Context(), "GET", new Uri(url), Stream.Null);

    public override HttpResponseData CreateResponse() => new FunctionsHttpResponse(FunctionContext);

    // The parts of an invocation's context a function's HTTP helpers read: the worker's JSON serializer.
    private sealed class Context : FunctionContext
    {
        private static readonly IServiceProvider Services = new ServiceCollection()
            .Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer())
            .BuildServiceProvider();

        public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

        public override string FunctionId => "test";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = Services;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}

/// <summary>The response a function built: status, headers and body bytes.</summary>
internal sealed class FunctionsHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException();

    public string Text => System.Text.Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());
}
