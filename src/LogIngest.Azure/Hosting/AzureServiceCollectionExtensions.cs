using Azure.Core;
using Azure.Identity;
using LogIngest.Azure.Blob;
using LogIngest.Azure.Cosmos;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Azure.Hosting;

/// <summary>Composition of the Azure adapters; call with <c>AddLogIngest</c>.</summary>
public static class AzureServiceCollectionExtensions
{
    /// <summary>
    /// Serves <c>source.kind = logAnalytics</c> configs with a <see cref="LogAnalyticsClient"/> per
    /// workspace id (the config's), authenticated by <paramref name="credential"/> (default:
    /// <see cref="DefaultAzureCredential"/>, i.e. the managed identity on Azure, the developer's login locally).
    /// </summary>
    public static IServiceCollection AddAzureLogAnalytics(this IServiceCollection services, Action<LogAnalyticsOptions>? configure = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ILogSourceProvider>(_ => new LogAnalyticsSourceProvider(credential ?? new DefaultAzureCredential(), configure));
        return services;
    }

    /// <summary>Uses a Blob (ADLS Gen2) container as the lake.</summary>
    public static IServiceCollection AddAzureBlobLake(this IServiceCollection services, Action<BlobLakeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new BlobLakeOptions();
        configure(options);
        services.AddSingleton<ILakeStore>(_ => new BlobLakeStore(options));
        return services;
    }

    /// <summary>Keeps run state in Cosmos DB (every state port, and the app-wide query slots, is the one <see cref="CosmosStateStore"/>).</summary>
    public static IServiceCollection AddAzureCosmosState(this IServiceCollection services, Action<CosmosStateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new CosmosStateOptions();
        configure(options);
        services.AddLogIngestStateStore(sp => new CosmosStateStore(options, sp.GetRequiredService<TimeProvider>()));

        // Every instance of the app shares one identity, so the query cap is kept in Cosmos for all of them.
        // Added, not TryAdded: like the state ports, the slots follow the last state store registered.
        services.AddSingleton<IQuerySlotStore>(sp => sp.GetRequiredService<CosmosStateStore>());
        return services;
    }
}
