using LogIngest.Core.Operations;
using LogIngest.Core.Activities;
using LogIngest.Core.Ports;
using LogIngest.Core.Reporting;
using LogIngest.Core.Sources;
using LogIngest.Core.Streaming;
using LogIngest.Core.Verification;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LogIngest.Core.Hosting;

/// <summary>
/// Composition of a LogIngest host. <see cref="AddLogIngest"/> registers everything that does not
/// depend on where data lives; adapters add the ports (<see cref="IStateStore"/> through
/// <see cref="AddLogIngestStateStore{TStore}"/>, <see cref="ILakeStore"/>, one <see cref="ILogSourceProvider"/> per source kind).
/// </summary>
public static class LogIngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers every activity of <see cref="WorkflowCatalog"/>, the <see cref="WorkflowRegistry"/> built from it, the process-wide <see cref="QueryGate"/>, the
    /// <see cref="ILogSourceFactory"/> that routes and gates sources, <see cref="TimeProvider"/>
    /// (system, unless one is already registered), the <see cref="InProcessWorkflowHost"/>
    /// (the window ingest is what a stop request holds back), <see cref="RunService"/>, <see cref="RunPreflight"/>,
    /// <see cref="LakeVerifier"/>, <see cref="RunReports"/> (the report and dashboard service), and the <see cref="StreamBatchProcessor"/> (with default <see cref="StreamOptions"/> unless registered first).
    /// </summary>
    public static IServiceCollection AddLogIngest(this IServiceCollection services, Action<LogIngestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new LogIngestOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentQueries, 1, "LogIngestOptions.MaxConcurrentQueries");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WindowWidth, 1, "LogIngestOptions.WindowWidth");
        ArgumentNullException.ThrowIfNull(options.Retry, "LogIngestOptions.Retry");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero, "LogIngestOptions.HeartbeatInterval");
        options.Retention.ThrowIfInvalid();

        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new QueryGate(
            options.MaxConcurrentQueries,
            sp.GetService<IQuerySlotStore>(), // app-wide slots when the state adapter keeps them (docs/query-slots.md)
            sp.GetRequiredService<IOptions<QuerySlotOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<QueryGate>()));
        services.TryAddSingleton<ILogSourceFactory, GatedLogSourceFactory>();
        services.TryAddSingleton<WindowWriteGate>();

        foreach (var activity in WorkflowCatalog.Activities)
        {
            services.TryAddTransient(activity.ActivityType);
        }

        services.AddSingleton(_ => WorkflowRegistry.FromCatalog());
        services.AddSingleton<WorkflowStatusFeed>();
        services.AddSingleton(sp =>
        {
            var host = new InProcessHostOptions { OnCustomStatus = sp.GetRequiredService<WorkflowStatusFeed>().Publish };
            host.StoppableActivities.Add(ActivityNames.IngestWindow);
            return host;
        });
        services.AddSingleton(sp => new InProcessWorkflowHost(
            sp,
            sp.GetRequiredService<WorkflowRegistry>(),
            sp.GetRequiredService<InProcessHostOptions>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RunLauncher>();
        services.AddSingleton(options.Retention);
        services.AddTransient<RunHistoryRetention>();
        services.AddTransient<RunKpis>();
        services.AddTransient<RunHealth>();
        services.AddTransient<FileLineage>();
        services.AddSingleton<RunService>();
        services.AddTransient<RunPreflight>();
        services.TryAddSingleton<ILakeFileReader, ParquetLakeFileReader>();
        services.AddTransient<LakeVerifier>();
        services.AddTransient<RunReports>();
        services.TryAddSingleton<StreamOptions>();
        services.TryAddSingleton<StreamBatchProcessor>();
        return services;
    }

    /// <summary>Registers one state store as <see cref="IStateStore"/> and each of its narrow ports (the same instance).</summary>
    public static IServiceCollection AddLogIngestStateStore<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> create)
        where TStore : class, IStateStore
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton(create);
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IControlStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IRunEventStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStreamWatermarkStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IFlattenSchemaStore>(sp => sp.GetRequiredService<TStore>());
        return services;
    }
}
