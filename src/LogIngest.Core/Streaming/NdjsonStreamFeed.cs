using LogIngest.Core.Ports;

namespace LogIngest.Core.Streaming;

/// <summary>Totals of one or more fed inputs.</summary>
public sealed record StreamFeedTotals(long Events, long Landed, long Quarantined, long Skipped, int Files, long Bytes)
{
    public static StreamFeedTotals Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public StreamFeedTotals Add(StreamFeedTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Events + other.Events, Landed + other.Landed, Quarantined + other.Quarantined, Skipped + other.Skipped, Files + other.Files, Bytes + other.Bytes);
    }
}

/// <summary>
/// Plays NDJSON into a hub the way Event Hubs would deliver it: line <c>i</c> (blank lines aside) goes to
/// partition <c>i % partitions</c> with the next sequence number of that partition from
/// the given first sequence, an offset equal to its byte position in the input, and one
/// enqueued time for the whole input. Each partition's events go to <see cref="StreamBatchProcessor"/>
/// in batches of <c>batchSize</c>. The same input with the same first sequences and enqueued time
/// gives the same events, so feeding it again lands nothing twice.
/// </summary>
public sealed class NdjsonStreamFeed(StreamBatchProcessor processor, string hub, int partitions, int batchSize)
{
    // Below the large-object heap's threshold: chunks live only as long as the events sliced from them.
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Each partition's next sequence number: one past its watermark, or 0.</summary>
    public static async Task<long[]> NextSequencesAsync(IStreamWatermarkStore watermarks, string hub, int partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watermarks);
        var next = new long[partitions];
        foreach (var w in await watermarks.ListStreamWatermarksAsync(hub, cancellationToken).ConfigureAwait(false))
        {
            if (int.TryParse(w.PartitionId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p < partitions)
            {
                next[p] = w.SequenceNumber + 1;
            }
        }

        return next;
    }

    /// <summary>Feeds <paramref name="input"/> to the end; <paramref name="onBatch"/> sees each batch's result (one at a time, from any thread).</summary>
    public async Task<StreamFeedTotals> FeedAsync(
        Stream input,
        IReadOnlyList<long> firstSequence,
        DateTimeOffset enqueued,
        IReadOnlyDictionary<string, object?>? properties = null,
        Action<StreamBatchResult>? onBatch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(firstSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1, nameof(partitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1, nameof(batchSize));
        if (firstSequence.Count != partitions)
        {
            throw new ArgumentException($"firstSequence has {firstSequence.Count} entries; one per partition ({partitions}) is needed.", nameof(firstSequence));
        }

        var next = firstSequence.ToArray();
        var pending = Enumerable.Range(0, partitions).Select(_ => new List<StreamEvent>(batchSize)).ToArray();
        var landing = Enumerable.Repeat(Task.CompletedTask, partitions).ToArray();
        var gate = new object();
        var totals = StreamFeedTotals.Zero;
        long line = 0;

        async Task LandAsync(int partition, List<StreamEvent> batch)
        {
            var result = await processor.ProcessAsync(hub, partition.ToString(System.Globalization.CultureInfo.InvariantCulture), batch, cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                totals = totals.Add(new StreamFeedTotals(result.Events, result.Landed, result.Quarantined, result.Skipped, result.Files.Count, result.Bytes));
                onBatch?.Invoke(result);
            }
        }

        // Partitions land side by side, as the trigger's do; within one, a batch starts only after the
        // previous one landed (its watermark must come first). Memory: two batches per partition.
        async Task FlushAsync(int partition)
        {
            if (pending[partition].Count == 0)
            {
                return;
            }

            var batch = pending[partition];
            pending[partition] = new List<StreamEvent>(batchSize);
            await landing[partition].ConfigureAwait(false);
            landing[partition] = Task.Run(() => LandAsync(partition, batch), cancellationToken);
        }

        await foreach (var (body, offset) in LinesAsync(input, cancellationToken).ConfigureAwait(false))
        {
            var partition = (int)(line++ % partitions);
            pending[partition].Add(new StreamEvent(body, next[partition]++, offset.ToString(System.Globalization.CultureInfo.InvariantCulture), enqueued, properties));
            if (pending[partition].Count >= batchSize)
            {
                await FlushAsync(partition).ConfigureAwait(false);
            }
        }

        for (var p = 0; p < partitions; p++)
        {
            await FlushAsync(p).ConfigureAwait(false);
        }

        await Task.WhenAll(landing).ConfigureAwait(false);
        return totals;
    }

    // Each non-blank line's bytes (without its '\n' or "\r\n") and its byte offset in the input. A line is a
    // slice of the chunk it was read into, never copied: every read goes to a fresh chunk (never reused,
    // since the events hold their slices until landed), starting with the unfinished line of the last one.
    private static async IAsyncEnumerable<(ReadOnlyMemory<byte> Body, long Offset)> LinesAsync(Stream input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new byte[ChunkBytes];
        var filled = 0; // bytes in chunk: the carried unfinished line, then what was read
        var lineStart = 0L; // input offset of chunk[0]
        while (true)
        {
            var read = await input.ReadAsync(chunk.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var scanFrom = filled;
            filled += read;
            var start = 0;
            int newline;
            while ((newline = chunk.AsSpan(scanFrom, filled - scanFrom).IndexOf((byte)'\n')) >= 0)
            {
                newline += scanFrom;
                if (Trim(chunk.AsMemory(start, newline - start)) is { Length: > 0 } body)
                {
                    yield return (body, lineStart + start);
                }

                start = newline + 1;
                scanFrom = start;
            }

            // The unfinished line moves to the next chunk (a larger one when it fills a whole chunk).
            var carried = filled - start;
            var next = new byte[carried * 2 > ChunkBytes ? Math.Max(ChunkBytes, carried * 2) : ChunkBytes];
            chunk.AsSpan(start, carried).CopyTo(next);
            lineStart += start;
            chunk = next;
            filled = carried;
        }

        if (Trim(chunk.AsMemory(0, filled)) is { Length: > 0 } last)
        {
            yield return (last, lineStart);
        }
    }

    // A line of only whitespace is no event; a '\r' before the '\n' is the line end's, not the body's.
    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        if (!line.IsEmpty && line.Span[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return line.Span.Trim(" \t"u8).IsEmpty ? ReadOnlyMemory<byte>.Empty : line;
    }
}
