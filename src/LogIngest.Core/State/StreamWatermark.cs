namespace LogIngest.Core.State;

/// <summary>How far one Event Hub partition has been landed in the lake.</summary>
public sealed record StreamWatermark
{
    public required string Hub { get; init; }

    public required string PartitionId { get; init; }

    /// <summary>The last sequence number written to the lake.</summary>
    public required long SequenceNumber { get; init; }

    public string? Offset { get; init; }

    /// <summary>When the last landed event was enqueued (lag = now - this).</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>From the last landed event's enqueue to the commit of its file: how far behind the lake was.</summary>
    public TimeSpan Lag { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
