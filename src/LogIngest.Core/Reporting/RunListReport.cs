namespace LogIngest.Core.Reporting;

/// <summary>The dashboard: recent runs, stream partitions, and what across-run figures a host adds.</summary>
public sealed record RunListReport
{
    public required DateTimeOffset GeneratedAt { get; init; }

    public IReadOnlyList<RunListEntry> Runs { get; init; } = [];

    public IReadOnlyList<StreamPartitionReport> Streams { get; init; } = [];

    /// <summary>Across-run figures (success rate, durations, ...) when a host computes them; rendered as a table when not empty.</summary>
    public IReadOnlyList<ReportField> Kpis { get; init; } = [];
}

/// <summary>One recent run: where it stands, how long it took, what it wrote, how many windows failed.</summary>
public sealed record RunListEntry
{
    public required string RunId { get; init; }

    public required string ConfigId { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public double? DurationSeconds { get; init; }

    public long Rows { get; init; }

    public long Bytes { get; init; }

    public int WindowsFailed { get; init; }

    public int Errors { get; init; }

    /// <summary>Whether the run missed its config's SLA; null when nothing says (no SLA, or not known to this host).</summary>
    public bool? SlaMissed { get; init; }
}

/// <summary>One Event Hub partition's watermark: the last sequence landed and how far behind it was.</summary>
public sealed record StreamPartitionReport(string Hub, string Partition, long SequenceNumber, DateTimeOffset EnqueuedAt, double LagSeconds, DateTimeOffset UpdatedAt);
