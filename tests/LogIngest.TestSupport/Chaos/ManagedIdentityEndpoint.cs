using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LogIngest.TestSupport.Chaos;

/// <summary>
/// The token endpoint App Service gives a managed identity (<c>IDENTITY_ENDPOINT</c>, <c>IDENTITY_HEADER</c>),
/// on loopback, granting any audience a made-up token. A <c>logingest</c> child process given
/// <see cref="Variables"/> signs in through <c>DefaultAzureCredential</c>'s own managed identity path,
/// as it would on App Service: the CLI needs no test-only sign-in.
/// </summary>
public sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret = Guid.NewGuid().ToString("N");

    private ManagedIdentityEndpoint(WebApplication app) => _app = app;

    public Uri Endpoint { get; private init; } = null!;

    /// <summary>The environment a child process needs to sign in here (and only here: other credentials are skipped).</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["IDENTITY_ENDPOINT"] = Endpoint.ToString(),
        ["IDENTITY_HEADER"] = _secret,
        ["AZURE_TOKEN_CREDENTIALS"] = "ManagedIdentityCredential",
    };

    public static async Task<ManagedIdentityEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        ManagedIdentityEndpoint? endpoint = null;
        var (app, address) = await LoopbackApp.StartAsync(context => endpoint!.HandleAsync(context), cancellationToken: cancellationToken).ConfigureAwait(false);
        endpoint = new ManagedIdentityEndpoint(app) { Endpoint = new Uri(address, "/msi/token") };
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers["X-IDENTITY-HEADER"] != _secret)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var resource = context.Request.Query["resource"].ToString();
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = "chaos-token-" + Guid.NewGuid().ToString("N"),
            ["expires_on"] = expires,
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        }).ConfigureAwait(false);
    }
}
