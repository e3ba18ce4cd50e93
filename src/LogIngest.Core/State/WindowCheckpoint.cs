using LogIngest.Core.Model;

namespace LogIngest.Core.State;

/// <summary>
/// One completed window (or one key-split slice of it): what was written and how much. Stored as an
/// idempotent upsert keyed by (<see cref="ConfigId"/>, <see cref="Axis"/>, <see cref="Window"/>, <see cref="Split"/>).
/// </summary>
public sealed record WindowCheckpoint
{
    public required string ConfigId { get; init; }

    public required TimeAxis Axis { get; init; }

    public required Interval Window { get; init; }

    /// <summary>Set when the window is one slice of an instant split by a secondary key.</summary>
    public KeySplit? Split { get; init; }

    public required string RunId { get; init; }

    /// <summary>Lake keys of the files this window wrote.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public long Rows { get; init; }

    public long Bytes { get; init; }

    /// <summary>Rows the source reported for the window (for reconciliation).</summary>
    public long SourceCount { get; init; }

    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The stable key of what this record describes, e.g. <c>t-638712345600000000-638712381600000000</c> or <c>...-k1of4</c>.</summary>
    public string Key => CheckpointKeys.WindowKey(Axis, Window, Split);
}
