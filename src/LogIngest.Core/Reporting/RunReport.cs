namespace LogIngest.Core.Reporting;

/// <summary>
/// One run as the report shows it, built from its audit rows and run events alone (<see cref="RunReportBuilder"/>):
/// what <c>logingest report --json</c> prints and <see cref="ReportPage"/> renders. Statuses are the
/// audit's upper-case words; times are UTC.
/// </summary>
public sealed record RunReport
{
    public required string RunId { get; init; }

    public required string ConfigId { get; init; }

    /// <summary>RUNNING until the run's RUN_END event says otherwise.</summary>
    public required string Status { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>The time axis and span the run was asked to load (its RUN_START event).</summary>
    public string? Axis { get; init; }

    public DateTimeOffset? RequestedFrom { get; init; }

    public DateTimeOffset? RequestedTo { get; init; }

    public required ReportTotals Totals { get; init; }

    public IReadOnlyList<RangeReport> Ranges { get; init; } = [];

    /// <summary>Every WINDOW row: completed, failed and cut finer, by when it ended.</summary>
    public IReadOnlyList<WindowReport> Windows { get; init; } = [];

    /// <summary>Rows written per UTC day of the data (a window crossing midnight counts on the day it starts).</summary>
    public IReadOnlyList<DayRows> RowsPerDay { get; init; } = [];

    /// <summary>Rows per second of wall time, each completed window's rows spread over the time it ran.</summary>
    public IReadOnlyList<ThroughputPoint> Throughput { get; init; } = [];

    /// <summary>The run's ERROR events: failed windows, count mismatches, the run's own error.</summary>
    public IReadOnlyList<ErrorReport> Errors { get; init; } = [];

    /// <summary>Source rows over the config's checkpointed coverage against the lake's rows and distinct keys; null when not computed (see <see cref="ReconciliationSkipped"/>).</summary>
    public CoverageReport? Reconciliation { get; init; }

    /// <summary>Why <see cref="Reconciliation"/> is absent, when it is.</summary>
    public string? ReconciliationSkipped { get; init; }

    /// <summary>The config as stored now (it may have changed since the run), as name/value pairs; secret-looking fields hidden.</summary>
    public IReadOnlyList<ReportField> Config { get; init; } = [];

    /// <summary>Where the state and lake are, in their display forms (never a secret); empty when the host does not say.</summary>
    public IReadOnlyList<ReportField> Locations { get; init; } = [];
}

/// <summary>Sums over the run's WINDOW rows, beside what its PARENT row recorded.</summary>
public sealed record ReportTotals
{
    public int Windows { get; init; }

    public int WindowsFailed { get; init; }

    public int Splits { get; init; }

    /// <summary>Attempts beyond the first, over every window.</summary>
    public int Retries { get; init; }

    public int RetriedWindows { get; init; }

    public long Rows { get; init; }

    public long Bytes { get; init; }

    /// <summary>Rows and bytes the PARENT row recorded when the run completed (null while it runs).</summary>
    public long? ParentRows { get; init; }

    public long? ParentBytes { get; init; }
}

/// <summary>One range (tier 2) from its JOB row: rows written beside the rows the source counted over it.</summary>
public sealed record RangeReport(int Index, DateTimeOffset From, DateTimeOffset To, string Status, long Rows, long Bytes, long? SourceRows, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Message);

/// <summary>One WINDOW row. <see cref="Status"/> is SUCCEEDED, FAILED or SPLIT (cut finer; its parts have rows of their own).</summary>
public sealed record WindowReport
{
    /// <summary>The range whose span holds the window; null when no JOB row was written (a run still going).</summary>
    public int? Range { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>The key slice (<c>k1of4</c>) of an instant split by key, if any.</summary>
    public string? Split { get; init; }

    public required string Status { get; init; }

    /// <summary>When the attempt that ended the window began (null for failed and split rows, which record only their end).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public long Rows { get; init; }

    public long Bytes { get; init; }

    /// <summary>Tries of the window (1: the first succeeded or failed for good); 0 in audits written before attempts were recorded.</summary>
    public int Attempts { get; init; }

    public string? Message { get; init; }
}

public sealed record DayRows(DateOnly Day, long Rows);

public sealed record ThroughputPoint(DateTimeOffset From, DateTimeOffset To, double RowsPerSecond);

public sealed record ErrorReport(string Code, string Message, bool Retryable, DateTimeOffset? From, DateTimeOffset? To, int? Attempts);

/// <summary>What <c>verify</c> computes per config: the source over the checkpointed coverage against the lake.</summary>
public sealed record CoverageReport(string Axis, long SourceRows, long LakeRows, long DistinctKeys, int CoverageSpans)
{
    public bool Exact => LakeRows == SourceRows && DistinctKeys == SourceRows;
}

public sealed record ReportField(string Name, string? Value);
