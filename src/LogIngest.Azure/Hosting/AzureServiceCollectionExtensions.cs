using Azure.Core;
using Azure.Identity;
using LogIngest.Azure.Blob;
using LogIngest.Azure.Cosmos;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LogIngest.Azure.Hosting;

/// <summary>Composition of the Azure adapters; call with <c>AddLogIngest</c>.</summary>
public static class AzureServiceCollectionExtensions
{
    /// <summary>
    /// Serves <c>source.kind = logAnalytics</c> configs with a <see cref="LogAnalyticsClient"/> per
    /// workspace id (the config's), authenticated by <paramref name="credential"/> (default:
    /// <see cref="DefaultAzureCredential"/>, i.e. the managed identity on Azure, the developer's login locally).
    /// </summary>
    public static IServiceCollection AddAzureLogAnalytics(this IServiceCollection services, Action<LogAnalyticsOptions>? configure = null, TokenCredential? credential = null) =>
        services.AddAzureLogAnalytics(configure is null ? null : (o, _) => configure(o), credential);

    /// <summary>
    /// As <see cref="AddAzureLogAnalytics(IServiceCollection, Action{LogAnalyticsOptions}?, TokenCredential?)"/>, with
    /// the container at hand when each workspace's client options are set (e.g. to read bound app settings).
    /// </summary>
    public static IServiceCollection AddAzureLogAnalytics(this IServiceCollection services, Action<LogAnalyticsOptions, IServiceProvider>? configure, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ILogSourceProvider>(sp => new LogAnalyticsSourceProvider(
            credential ?? new DefaultAzureCredential(), configure is null ? null : o => configure(o, sp)));
        return services;
    }

    /// <summary>Uses a Blob (ADLS Gen2) container as the lake.</summary>
    public static IServiceCollection AddAzureBlobLake(this IServiceCollection services, Action<BlobLakeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BlobLakeOptions>().Configure(configure);
        services.AddSingleton<ILakeStore>(sp => new BlobLakeStore(sp.GetRequiredService<IOptions<BlobLakeOptions>>().Value));
        return services;
    }

    /// <summary>Keeps run state in Cosmos DB (every state port, and the app-wide query slots, is the one <see cref="CosmosStateStore"/>).</summary>
    public static IServiceCollection AddAzureCosmosState(this IServiceCollection services, Action<CosmosStateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CosmosStateOptions>().Configure(configure);
        services.AddLogIngestStateStore(sp => new CosmosStateStore(sp.GetRequiredService<IOptions<CosmosStateOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        // Every instance of the app shares one identity, so the query cap is kept in Cosmos for all of them.
        // Added, not TryAdded: like the state ports, the slots follow the last state store registered.
        services.AddSingleton<IQuerySlotStore>(sp => sp.GetRequiredService<CosmosStateStore>());
        return services;
    }
}
