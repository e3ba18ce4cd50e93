namespace LogIngest.Core.Streaming;

/// <summary>
/// The checkpoint of one arrived file: what it was when taken (name, size, last write) and how it was
/// played into the hub (enqueued time, partitions, first sequence of each), so a take that was cut
/// short is replayed with the very same events.
/// </summary>
public sealed record FileArrival
{
    public required string Name { get; init; }

    public required long Size { get; init; }

    public required DateTimeOffset LastWrite { get; init; }

    public required DateTimeOffset TakenAt { get; init; }

    public required IReadOnlyList<long> FirstSequence { get; init; }

    /// <summary>True once every event of the file is landed.</summary>
    public bool Done { get; init; }

    public long Events { get; init; }

    /// <summary>Whether the file on disk is still the one taken.</summary>
    public bool Matches(long size, DateTimeOffset lastWrite) => Size == size && LastWrite == lastWrite;
}
