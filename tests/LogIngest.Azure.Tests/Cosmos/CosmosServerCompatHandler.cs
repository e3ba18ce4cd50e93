using System.Net;
using System.Text;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>
/// Fills the local Cosmos server's best-known gap for the .NET SDK: a read or replace of a missing item
/// answers 500 ("Cannot read properties of undefined") where Cosmos DB answers 404. In-process
/// stand-in for the shared compatibility proxy.
/// </summary>
public sealed class CosmosServerCompatHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.InternalServerError)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!body.Contains("Cannot read properties of undefined", StringComparison.Ordinal))
        {
            response.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return response;
        }

        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            RequestMessage = request,
            Content = new StringContent("{\"code\":\"NotFound\",\"message\":\"Entity with the specified id does not exist in the system.\"}", Encoding.UTF8, "application/json"),
        };
    }
}
