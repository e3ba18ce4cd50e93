using LogIngest.Core.Model;

namespace LogIngest.Core.State;

/// <summary>
/// One audit row or run event, in the one schema of docs/architecture.md (Run events).
/// Appending is idempotent by <see cref="EventId"/>, so a replayed activity may append again safely.
/// </summary>
public sealed record RunEvent
{
    /// <summary>Unique and deterministic for what it records (e.g. <c>{runId}:window:{key}:{attempt}</c>).</summary>
    public required string EventId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The run this one reruns: the config's previous run when that one did not succeed (<c>parent_run_id</c>).</summary>
    public string? ParentRunId { get; init; }

    public required string ConfigId { get; init; }

    public RunEventLevel Level { get; init; } = RunEventLevel.Info;

    /// <summary>One of <see cref="RunEventTypes"/>.</summary>
    public required string EventType { get; init; }

    public RunStatus? Status { get; init; }

    public int Attempt { get; init; }

    /// <summary>When the event was recorded.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public TimeSpan? Duration { get; init; }

    public long? Rows { get; init; }

    public long? Bytes { get; init; }

    /// <summary>JOB rows: what the source counts over the range after its windows, beside <see cref="Rows"/> the lake received.</summary>
    public long? SourceRows { get; init; }

    public Interval? Window { get; init; }

    public string? Message { get; init; }

    public RunError? Error { get; init; }

    /// <summary>RUN_END and PARENT: whether the run took longer than its config's <c>sla</c> (null when the config sets none).</summary>
    public bool? SlaMissed { get; init; }

    /// <summary>HEARTBEAT: the time to the next heartbeat, by which a reader judges this one stale.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }
}

/// <summary>A classified failure: an <see cref="Observability.ErrorCodes"/> code, a message, and whether a retry may help.</summary>
public sealed record RunError(string Code, string Message, bool Retryable);

public enum RunEventLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>The event types: audit rows (PARENT, JOB, WINDOW) and run events.</summary>
public static class RunEventTypes
{
    /// <summary>Audit row of a whole run (tier 1).</summary>
    public const string Parent = "PARENT";

    /// <summary>Audit row of a range workflow (tier 2).</summary>
    public const string Job = "JOB";

    /// <summary>Audit row of one window (tier 3).</summary>
    public const string Window = "WINDOW";

    /// <summary>A run began; puts the run in the recent-runs list.</summary>
    public const string RunStart = "RUN_START";

    /// <summary>A run ended; its <see cref="RunEvent.Status"/> becomes the run's final status.</summary>
    public const string RunEnd = "RUN_END";

    public const string Error = "ERROR";

    /// <summary>A run is alive: written every heartbeat interval while the run is in flight.</summary>
    public const string Heartbeat = "HEARTBEAT";
}
