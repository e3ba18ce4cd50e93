using Azure.Core;
using Azure.Identity;
using LogIngest.Azure.Blob;
using LogIngest.Azure.Cosmos;
using LogIngest.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LogIngest.Azure.Hosting;

/// <summary>
/// Composes the Azure adapters from the app settings <c>azd up</c> writes (see local.settings.sample.json).
/// Each section is bound to one class by <see cref="AppSettingsBinding.BindAppSettings"/> and checked at
/// start-up, so a missing or malformed setting stops the app with a message naming it:
/// <see cref="LakeAppSettings"/> (<c>Lake__*</c>), <see cref="CosmosAppSettings"/> (<c>COSMOS__*</c>),
/// <see cref="LogAnalyticsAppSettings"/> (<c>LogAnalytics__*</c>) and <see cref="QuerySlotOptions"/>
/// (<c>QuerySlots__*</c>, optional; durations as time spans, e.g. "00:00:30"). Every service
/// authenticates with one credential (the app's managed identity on Azure).
/// </summary>
public static class AzureAppSettings
{
    /// <summary>Each section the app reads and the class it is bound to (the infrastructure tests list the settings from it).</summary>
    public static IReadOnlyList<(string Section, Type Settings)> Sections { get; } =
    [
        (Lake, typeof(LakeAppSettings)),
        (Cosmos, typeof(CosmosAppSettings)),
        (LogAnalytics, typeof(LogAnalyticsAppSettings)),
        (QuerySlots, typeof(QuerySlotOptions)),
    ];

    private const string Lake = "Lake";
    private const string Cosmos = "Cosmos";
    private const string LogAnalytics = "LogAnalytics";
    private const string QuerySlots = "QuerySlots";

    public static IServiceCollection AddLogIngestAzure(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        credential ??= new DefaultAzureCredential();

        services.BindAppSettings<LakeAppSettings>(configuration.GetSection(Lake), lake =>
            (lake.BlobEndpoint is null ? ["App setting Lake__BlobEndpoint is missing: set it to the storage account's Blob endpoint, e.g. \"https://<account>.blob.core.windows.net\"."] : Array.Empty<string>())
            .Concat(string.IsNullOrWhiteSpace(lake.Container) ? ["App setting Lake__Container is missing: set it to the lake's container, e.g. \"lake\"."] : []));
        services.BindAppSettings<CosmosAppSettings>(configuration.GetSection(Cosmos), cosmos =>
            (cosmos.AccountEndpoint is null ? ["App setting COSMOS__accountEndpoint is missing: set it, e.g. \"https://<account>.documents.azure.com:443/\"."] : Array.Empty<string>())
            .Concat(string.IsNullOrWhiteSpace(cosmos.Database) ? ["App setting Cosmos__Database is empty: remove it (default \"logingest\") or name the database."] : []));
        services.BindAppSettings<LogAnalyticsAppSettings>(configuration.GetSection(LogAnalytics));
        services.BindAppSettings<QuerySlotOptions>(configuration.GetSection(QuerySlots), slots => slots.Problems("App setting QuerySlots__"));

        services.AddAzureBlobLake(_ => { });
        services.AddOptions<BlobLakeOptions>().Configure<IOptions<LakeAppSettings>>((o, lake) =>
        {
            o.ContainerUri = new Uri(lake.Value.BlobEndpoint!.AbsoluteUri.TrimEnd('/') + "/" + lake.Value.Container);
            o.Credential = credential;
            o.CreateContainerIfMissing = false; // provisioned by infra; data roles cannot create it
        });
        services.AddAzureCosmosState(_ => { });
        services.AddOptions<CosmosStateOptions>().Configure<IOptions<CosmosAppSettings>>((o, cosmos) =>
        {
            o.AccountEndpoint = cosmos.Value.AccountEndpoint;
            o.Credential = credential;
            o.DatabaseName = cosmos.Value.Database;
            o.CreateIfMissing = false; // provisioned by infra; data-plane roles cannot create containers
        });
        return services.AddAzureLogAnalytics(
            (o, sp) =>
            {
                if (sp.GetRequiredService<IOptions<LogAnalyticsAppSettings>>().Value.Endpoint is { } endpoint)
                {
                    o.Endpoint = endpoint;
                }
            },
            credential);
    }
}
