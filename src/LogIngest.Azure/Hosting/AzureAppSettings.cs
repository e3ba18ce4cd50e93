using Azure.Core;
using Azure.Identity;
using LogIngest.Core.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Azure.Hosting;

/// <summary>
/// Composes the Azure adapters from the app settings <c>azd up</c> writes (see local.settings.sample.json):
/// <c>Lake__BlobEndpoint</c> + <c>Lake__Container</c>, <c>COSMOS__accountEndpoint</c> + <c>Cosmos__Database</c>,
/// <c>LogAnalytics__Endpoint</c>. Every service authenticates with one credential (the app's managed
/// identity on Azure). A missing or malformed setting fails start-up naming the setting.
/// </summary>
public static class AzureAppSettings
{
    public static IServiceCollection AddLogIngestAzure(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        credential ??= new DefaultAzureCredential();
        var blobEndpoint = RequiredUri(configuration, "Lake:BlobEndpoint", "https://<account>.blob.core.windows.net");
        var container = Required(configuration, "Lake:Container", "lake");
        var cosmosEndpoint = RequiredUri(configuration, "COSMOS:accountEndpoint", "https://<account>.documents.azure.com:443/");
        var database = configuration["Cosmos:Database"] is { Length: > 0 } name ? name : "logingest";
        var logAnalyticsEndpoint = configuration["LogAnalytics:Endpoint"] is { Length: > 0 } la
            ? ParseUri("LogAnalytics:Endpoint", la, "https://api.loganalytics.azure.com")
            : null;

        return services
            .AddAzureBlobLake(o =>
            {
                o.ContainerUri = new Uri(blobEndpoint.AbsoluteUri.TrimEnd('/') + "/" + container);
                o.Credential = credential;
                o.CreateContainerIfMissing = false; // provisioned by infra; data roles cannot create it
            })
            .AddAzureCosmosState(o =>
            {
                o.AccountEndpoint = cosmosEndpoint;
                o.Credential = credential;
                o.DatabaseName = database;
                o.CreateIfMissing = false; // provisioned by infra; data-plane roles cannot create containers
            })
            .AddAzureLogAnalytics(
                o =>
                {
                    if (logAnalyticsEndpoint is not null)
                    {
                        o.Endpoint = logAnalyticsEndpoint;
                    }
                },
                credential);
    }

    private static string Required(IConfiguration configuration, string key, string example) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new LogIngestException(ErrorCodes.ConfigInvalid, $"App setting {key.Replace(":", "__", StringComparison.Ordinal)} is missing: set it (e.g. \"{example}\").");

    private static Uri RequiredUri(IConfiguration configuration, string key, string example) =>
        ParseUri(key, Required(configuration, key, example), example);

    private static Uri ParseUri(string key, string value, string example) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new LogIngestException(ErrorCodes.ConfigInvalid, $"App setting {key.Replace(":", "__", StringComparison.Ordinal)} is not an http(s) URL: '{value}' (e.g. \"{example}\").");
}
