using LogIngest.Core.Observability;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>What a run did (<see cref="RunSummary"/>) plus what the host saw of it: queries issued through the gate and wall time.</summary>
public sealed record RunOutcome(RunSummary Summary, long Queries, long HistogramQueries, long CountQueries, TimeSpan Duration)
{
    /// <summary>True when the config was refused before anything ran (invalid or unknown): the caller's input was wrong.</summary>
    public bool RejectedInput =>
        Summary.Status == RunStatus.Failed
        && Summary.WindowsPlanned == 0
        && Summary.Error is { } error
        && (ErrorCodes.ClassOf(error.Code) == ErrorClass.Config || error.Code == ErrorCodes.NotFound);

    /// <summary>The process exit code a host reports: 0 succeeded, 2 rejected input (nothing changed), 1 anything else (failed or partial).</summary>
    public int ExitCode => Summary.Status == RunStatus.Succeeded ? 0 : RejectedInput ? 2 : 1;
}
