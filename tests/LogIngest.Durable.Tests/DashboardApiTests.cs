using System.Net;
using System.Security.Claims;
using System.Text;
using System.Xml.Linq;
using LogIngest.Core.Hosting;
using LogIngest.Core.Reporting;
using LogIngest.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>The Functions app's dashboard pages over a real run's state (in-process engine, SQLite, folder lake).</summary>
public sealed class DashboardApiTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    [Fact]
    public async Task DashboardRun_CompletedRun_ServesItsReportAsWellFormedHtml()
    {
        await using var world = await ScenarioWorld.InProcessSourceAsync();
        await using var host = new InProcessScenarioHost(world);
        var config = world.Backfill("dashboard", days: 1);
        var run = await host.Services.GetRequiredService<RunLauncher>().StartAsync(host.Engine, config);
        var summary = await host.WaitAsync(run);
        var api = new DashboardApi(host.Services.GetRequiredService<RunReports>());

        var page = await api.DashboardRun(new FakeRequest("https://app.example/api/dashboard/runs/" + run.RunId), run.RunId, CancellationToken.None);
        var list = await api.Dashboard(new FakeRequest("https://app.example/api/dashboard"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("text/html", page.Headers.GetValues("Content-Type").Single(), StringComparison.Ordinal);
        var html = XDocument.Parse(Body(page));
        Assert.Equal(run.RunId, html.Descendants(Xhtml + "h1").Single().Value["Run ".Length..]);
        Assert.Equal(summary.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            html.Descendants(Xhtml + "span").Single(e => (string?)e.Attribute("id") == "total-rows").Attribute("data-value")!.Value);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var links = XDocument.Parse(Body(list)).Descendants(Xhtml + "a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.Equal(["dashboard/runs/" + Uri.EscapeDataString(run.RunId)], links);
    }

    [Fact]
    public async Task DashboardRun_UnknownRun_Answers404WithTheCode()
    {
        await using var world = await ScenarioWorld.InProcessSourceAsync();
        await using var host = new InProcessScenarioHost(world);
        var api = new DashboardApi(host.Services.GetRequiredService<RunReports>());

        var response = await api.DashboardRun(new FakeRequest("https://app.example/api/dashboard/runs/nope"), "nope", CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"code\":\"R402\"", Body(response), StringComparison.Ordinal);
    }

    private static string Body(HttpResponseData response) => Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray());

    private sealed class FakeRequest(string url) : HttpRequestData(new FakeContext())
    {
        public override Stream Body { get; } = new MemoryStream();

        public override HttpHeadersCollection Headers { get; } = [];

        public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

        public override Uri Url { get; } = new(url);

        public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

        public override string Method => "GET";

        public override HttpResponseData CreateResponse() => new FakeResponse(FunctionContext);
    }

    private sealed class FakeResponse(FunctionContext context) : HttpResponseData(context)
    {
        public override HttpStatusCode StatusCode { get; set; }

        public override HttpHeadersCollection Headers { get; set; } = [];

        public override Stream Body { get; set; } = new MemoryStream();

        public override HttpCookies Cookies => throw new NotSupportedException();
    }

    private sealed class FakeContext : FunctionContext
    {
        public override string InvocationId => "test";

        public override string FunctionId => "test";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
