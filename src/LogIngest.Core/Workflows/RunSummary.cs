using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Core.Workflows;

/// <summary>A window that did not complete in a run, with the error that stopped it.</summary>
public sealed record FailedWindow(Interval Window, KeySplit? Split, string Code, string Message)
{
    /// <summary>Times the window was tried before it was given up (1 when its first failure was final).</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>A window a range cut finer (its result was truncated, or it kept timing out), recorded in the range's audit.</summary>
public sealed record SplitWindow(Interval Window, KeySplit? Split, int Parts, string Reason, DateTimeOffset At, int Attempts);

/// <summary>What one range workflow (tier 2) did.</summary>
public sealed record RangeResult
{
    public required int RangeIndex { get; init; }

    public int WindowsPlanned { get; init; }

    public int WindowsCompleted { get; init; }

    /// <summary>Windows a stop request kept from starting; a rerun does them.</summary>
    public int WindowsStopped { get; init; }

    /// <summary>Windows re-planned finer because their result was truncated.</summary>
    public int Splits { get; init; }

    public long Rows { get; init; }

    public long Bytes { get; init; }

    public int Files { get; init; }

    public long SourceRows { get; init; }

    public int HistogramQueries { get; init; }

    public int Retries { get; init; }

    public IReadOnlyList<FailedWindow> Failed { get; init; } = [];

    /// <summary>Windows cut finer; their replacements are among the completed and failed windows.</summary>
    public IReadOnlyList<SplitWindow> SplitWindows { get; init; } = [];

    /// <summary>The completed windows of a config that flattens, with the flatten schema version their files carry.</summary>
    public IReadOnlyList<WrittenWindow> Written { get; init; } = [];

    /// <summary>
    /// What the source counted over the whole range once every window of it completed (null when the
    /// range did not complete, or the count failed): the range's reconciliation against <see cref="Rows"/>.
    /// </summary>
    public long? SourceRowsCounted { get; init; }

    /// <summary>False when the source counts other than what the range wrote: rows were missed or doubled.</summary>
    public bool Reconciled => SourceRowsCounted is not { } counted || counted == Rows;
}

/// <summary>A window whose files were written under version <see cref="SchemaVersion"/> of the config's flatten schema.</summary>
public sealed record WrittenWindow(Interval Window, KeySplit? Split, int SchemaVersion);

/// <summary>What a run (tier 1) did, as the CLI prints it and CompleteRun records it.</summary>
public sealed record RunSummary
{
    public required string RunId { get; init; }

    public required string ConfigId { get; init; }

    /// <summary>The failed run this one reruns, if any.</summary>
    public string? ParentRunId { get; init; }

    public required RunStatus Status { get; init; }

    /// <summary>The config's expected longest run, if it sets one.</summary>
    public TimeSpan? Sla { get; init; }

    /// <summary>Whether the run took longer than <see cref="Sla"/>; null when there is none.</summary>
    public bool? SlaMissed => Sla is { } sla && EndedAt >= StartedAt ? EndedAt - StartedAt > sla : null;

    public TimeAxis Axis { get; init; }

    public Interval? Requested { get; init; }

    public int Ranges { get; init; }

    public int WindowsPlanned { get; init; }

    public int WindowsCompleted { get; init; }

    public int WindowsFailed => Failed.Count;

    public int WindowsStopped { get; init; }

    public int Splits { get; init; }

    public long Rows { get; init; }

    public long Bytes { get; init; }

    public int Files { get; init; }

    public long SourceRows { get; init; }

    public int HistogramQueries { get; init; }

    public int Retries { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime EndedAt { get; init; }

    public IReadOnlyList<FailedWindow> Failed { get; init; } = [];

    /// <summary>Why the run failed before or outside its windows (config, planning), if it did.</summary>
    public ActivityError? Error { get; init; }

    /// <summary>Folds the ranges' results into run totals.</summary>
    public RunSummary WithRanges(IReadOnlyCollection<RangeResult> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return this with
        {
            Ranges = ranges.Count,
            WindowsPlanned = ranges.Sum(r => r.WindowsPlanned),
            WindowsCompleted = ranges.Sum(r => r.WindowsCompleted),
            WindowsStopped = ranges.Sum(r => r.WindowsStopped),
            Splits = ranges.Sum(r => r.Splits),
            Rows = ranges.Sum(r => r.Rows),
            Bytes = ranges.Sum(r => r.Bytes),
            Files = ranges.Sum(r => r.Files),
            SourceRows = ranges.Sum(r => r.SourceRows),
            HistogramQueries = ranges.Sum(r => r.HistogramQueries),
            Retries = ranges.Sum(r => r.Retries),
            Failed = [.. ranges.SelectMany(r => r.Failed)],
        };
    }

    /// <summary>
    /// SUCCEEDED when every planned window completed; PARTIAL when some did and others failed or were
    /// stopped (a rerun fills the gaps); FAILED when nothing completed and something went wrong.
    /// </summary>
    public static RunStatus Classify(int completed, int failed, int stopped, bool errored)
    {
        if (failed == 0 && stopped == 0 && !errored)
        {
            return RunStatus.Succeeded;
        }

        return completed > 0 || (stopped > 0 && failed == 0 && !errored) ? RunStatus.Partial : RunStatus.Failed;
    }
}
