using LogIngest.Core.Operations;
using LogIngest.Core.Sources;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>Settings of a LogIngest host (<see cref="LogIngestServiceCollectionExtensions.AddLogIngest"/>). Every property documents its default.</summary>
public sealed class LogIngestOptions
{
    /// <summary>Queries in flight at once across every run and range of the process. Default 5 (the service's per-identity limit).</summary>
    public int MaxConcurrentQueries { get; set; } = QueryGate.DefaultMaxConcurrentQueries;

    /// <summary>Windows in flight per range. Default 5.</summary>
    public int WindowWidth { get; set; } = 5;

    /// <summary>Retry of transient activity failures. Default 2, 4, 8, 16, 32 s over 5 retries.</summary>
    public WorkflowRetryPolicy Retry { get; set; } = WorkflowRetryPolicy.Default;

    /// <summary>A query that takes at least this long is logged as slow (default 60 s).</summary>
    public TimeSpan SlowQuery { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a run in flight writes a HEARTBEAT event. Default 2 minutes; a run silent for 3 intervals is stale.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = LoadRunInput.DefaultHeartbeatInterval;

    /// <summary>How long run history is kept; pruned by the daily load. Defaults: events 90 days, run summaries 3 years.</summary>
    public RunRetention Retention { get; set; } = new();
}
