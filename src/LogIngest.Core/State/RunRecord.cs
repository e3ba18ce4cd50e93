namespace LogIngest.Core.State;

/// <summary>One entry of the recent-runs list: a run, its config, when it started and where it stands.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    public required string ConfigId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>RUNNING until a RUN_END event sets the final status.</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;

    /// <summary>The failed run this one reruns (from RUN_START), if any.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>Rows the run wrote (from RUN_END).</summary>
    public long? Rows { get; init; }

    /// <summary>Bytes the run wrote (from RUN_END).</summary>
    public long? Bytes { get; init; }

    /// <summary>Whether the run took longer than its config's <c>sla</c> (from RUN_END; null when none is set).</summary>
    public bool? SlaMissed { get; init; }

    /// <summary>
    /// The record as a run event updates it: RUN_START gives the parent, RUN_END the end, status and
    /// figures. The one rule both state stores apply, so their run lists agree.
    /// </summary>
    public static RunRecord Apply(RunRecord? current, RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var run = current ?? new RunRecord { RunId = runEvent.RunId, ConfigId = runEvent.ConfigId, StartedAt = runEvent.Start ?? runEvent.Timestamp };
        return runEvent.EventType switch
        {
            RunEventTypes.RunStart => run with { ParentRunId = runEvent.ParentRunId ?? run.ParentRunId },
            RunEventTypes.RunEnd => run with
            {
                Status = runEvent.Status ?? RunStatus.Succeeded,
                EndedAt = runEvent.End ?? runEvent.Timestamp,
                ParentRunId = runEvent.ParentRunId ?? run.ParentRunId,
                Rows = runEvent.Rows,
                Bytes = runEvent.Bytes,
                SlaMissed = runEvent.SlaMissed,
            },
            _ => run,
        };
    }
}
