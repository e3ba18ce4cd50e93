using LogIngest.Core.Model;

namespace LogIngest.Core.Activities;

/// <summary>How an ingested window ended.</summary>
public enum WindowStatus
{
    /// <summary>Every row of the window is in the lake and the row count matched the source.</summary>
    Completed,

    /// <summary>The result was truncated: nothing was written; re-plan the window finer.</summary>
    SplitRequired,
}

/// <summary>
/// What <c>IngestWindowActivity</c> did with one window: small, JSON-serializable, and all that
/// <see cref="WriteCheckpointActivity"/> needs to record it. Rows never travel in it.
/// </summary>
public sealed record WindowResult
{
    public required WindowStatus Status { get; init; }

    public required Interval Window { get; init; }

    public KeySplit? Split { get; init; }

    /// <summary>Rows written to the lake (0 when a split is required).</summary>
    public long Rows { get; init; }

    /// <summary>Bytes of the Parquet files written.</summary>
    public long Bytes { get; init; }

    /// <summary>Lake keys of the files written, one per touched day, in key order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Rows the source counted in the window when it was accepted (equal to <see cref="Rows"/> unless rows left at the retention edge).</summary>
    public long SourceCount { get; init; }

    /// <summary>Rows that reached the source between the first count and the stream (all of them written).</summary>
    public long LateRows { get; init; }

    /// <summary>Files of earlier plans that overlapped the window and were deleted.</summary>
    public int OrphansRemoved { get; init; }

    /// <summary>Time spent in count queries and streaming the result (the source's share).</summary>
    public TimeSpan QueryDuration { get; init; }

    /// <summary>Time spent writing Parquet to the lake and removing orphans.</summary>
    public TimeSpan WriteDuration { get; init; }

    /// <summary>Why the window must be re-planned (the source's truncation message), when it must.</summary>
    public string? SplitReason { get; init; }

    /// <summary>Flattened <c>Col_key</c> columns written, in schema order (for reports).</summary>
    public IReadOnlyList<string> FlattenedColumns { get; init; } = [];

    /// <summary>The version of the config's flatten schema the files were written with (0: none recorded).</summary>
    public int SchemaVersion { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }
}
