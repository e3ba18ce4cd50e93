namespace LogIngest.Core.Streaming;

/// <summary>
/// One event of a partition's batch as the trigger (or the CLI) hands it over: the body's bytes and the
/// metadata Event Hubs assigned when it was enqueued.
/// </summary>
/// <param name="Body">The event body as sent (UTF-8 JSON when well formed; anything else is quarantined).</param>
/// <param name="SequenceNumber">The partition's sequence number: unique and increasing within the partition.</param>
/// <param name="Offset">The service's offset of the event, kept as given.</param>
/// <param name="EnqueuedTime">When the service enqueued the event; decides its <c>ingestion_date</c>.</param>
/// <param name="Properties">Application properties, written as one JSON object with keys in ordinal order; null or empty for none.</param>
public readonly record struct StreamEvent(
    ReadOnlyMemory<byte> Body,
    long SequenceNumber,
    string? Offset,
    DateTimeOffset EnqueuedTime,
    IReadOnlyDictionary<string, object?>? Properties = null);
