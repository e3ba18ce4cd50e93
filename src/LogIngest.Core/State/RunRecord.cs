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
}
