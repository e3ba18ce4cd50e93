namespace LogIngest.Core.Hosting;

/// <summary>How to run one config: its run id, the stop and abort tokens, and who watches progress.</summary>
public sealed record RunRequest
{
    /// <summary>The run id; null makes one (<see cref="RunService.NewRunId"/>).</summary>
    public string? RunId { get; init; }

    /// <summary>Asks for a clean stop: windows in flight finish and checkpoint, no new window starts.</summary>
    public CancellationToken StopToken { get; init; }

    /// <summary>Abandons the run at once (in-flight windows are cancelled; a rerun redoes them).</summary>
    public CancellationToken AbortToken { get; init; }

    /// <summary>Receives a <see cref="RunProgress"/> whenever a range reports progress.</summary>
    public IProgress<RunProgress>? Progress { get; init; }
}
