using LogIngest.Core.Sources;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Capacity;

/// <summary>The host settings a projection assumes; every default is the host's own default.</summary>
public sealed record CapacityOptions
{
    /// <summary>Queries in flight at once (the query gate's slots). Default 5, the service's limit per identity.</summary>
    public int QuerySlots { get; init; } = QueryGate.DefaultMaxConcurrentQueries;

    /// <summary>Windows in flight per range. Default 5, as <c>LogIngestOptions.WindowWidth</c>.</summary>
    public int WindowWidth { get; init; } = 5;

    /// <summary>Retry policy the workflows use (no failures are projected, so it only shapes the input). Default the host's.</summary>
    public WorkflowRetryPolicy Retry { get; init; } = WorkflowRetryPolicy.Default;
}
