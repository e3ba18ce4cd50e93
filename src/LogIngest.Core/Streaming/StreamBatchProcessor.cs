using System.Collections.Concurrent;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Parquet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Streaming;

/// <summary>
/// Lands one partition's batch of events as bronze Parquet, exactly once over an at-least-once
/// delivery. The batch is cut into segments of consecutive new events of one UTC date (by enqueued
/// time); each segment writes its quarantine file (when any event failed) and then its bronze file,
/// both named by the segment's sequence range (<see cref="StreamFileName"/>). The bronze file is written
/// even when every event was quarantined: it is the segment's commit mark. Only when every file is in
/// does the partition's watermark move (<see cref="IStreamWatermarkStore"/>).
/// <para>
/// An event is new unless it is at or below the watermark or inside the range of a bronze file already
/// in the lake (files of an attempt that failed before its watermark). So a replayed batch writes the
/// files it had not finished, byte for byte as the first attempt would have, and a replay regrouped
/// into other batches writes only events no file holds. Nothing in a file depends on the clock.
/// </para>
/// </summary>
public sealed class StreamBatchProcessor
{
    private const int MaxBatchCapacity = 8192;

    private readonly ILakeStore _lake;
    private readonly IStreamWatermarkStore _watermarks;
    private readonly StreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (StreamSchema? Schema, DateTimeOffset ReadAt)> _schemas = new(StringComparer.Ordinal);

    // Segment writers of finished batches: their column buffers (megabytes per batch) are reused, not reallocated.
    private readonly ConcurrentBag<StreamSegmentWriter> _writers = [];

    public StreamBatchProcessor(ILakeStore lake, IStreamWatermarkStore watermarks, StreamOptions options, TimeProvider time, ILogger<StreamBatchProcessor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(watermarks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _lake = lake;
        _watermarks = watermarks;
        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Lands <paramref name="events"/> of <paramref name="partition"/> (any order; a sequence number
    /// repeated in the batch counts once). Lake failures (S501) and state failures (S502) leave the
    /// watermark where it was; calling again with the same events, or any regrouping of them, completes.
    /// </summary>
    public async Task<StreamBatchResult> ProcessAsync(string hub, string partition, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken = default)
    {
        StreamFileName.ValidateHub(hub);
        StreamFileName.ValidatePartition(partition);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return new StreamBatchResult(0, 0, 0, 0, [], 0, null);
        }

        var ordered = Ordered(events);
        var stored = await _watermarks.GetStreamWatermarkAsync(hub, partition, cancellationToken).ConfigureAwait(false);
        var floor = stored?.SequenceNumber ?? -1;
        var written = await WrittenRangesAsync(hub, partition, ordered, floor, cancellationToken).ConfigureAwait(false);
        var schema = await SchemaAsync(hub, cancellationToken).ConfigureAwait(false);

        var writer = RentWriter(schema, ordered.Count);
        var files = new List<string>();
        int landed = 0, quarantined = 0, skipped = events.Count - ordered.Count;
        long bytes = 0;
        var next = 0; // the first written range whose end is not yet behind the current event
        var previous = floor;
        var start = -1;
        for (var i = 0; i <= ordered.Count; i++)
        {
            var isNew = false;
            var cut = i == ordered.Count;
            if (!cut)
            {
                var sequence = ordered[i].SequenceNumber;
                var rangeBetween = false;
                while (next < written.Count && written[next].Last < sequence)
                {
                    rangeBetween |= written[next].First > previous;
                    next++;
                }

                isNew = sequence > floor && !(next < written.Count && written[next].First <= sequence);
                cut = !isNew || rangeBetween || (start >= 0 && StreamFileName.DateOf(ordered[i].EnqueuedTime) != StreamFileName.DateOf(ordered[start].EnqueuedTime));
                previous = sequence;
            }

            if (cut && start >= 0)
            {
                var (rows, rejected, segmentBytes) = await WriteSegmentAsync(hub, partition, ordered, start, i, writer, files, cancellationToken).ConfigureAwait(false);
                landed += rows;
                quarantined += rejected;
                bytes += segmentBytes;
                start = -1;
            }

            if (isNew)
            {
                start = start < 0 ? i : start;
            }
            else if (i < ordered.Count)
            {
                skipped++;
            }
        }

        ReturnWriter(writer);
        var last = ordered[^1];
        var watermark = stored;
        if (last.SequenceNumber > floor)
        {
            watermark = new StreamWatermark
            {
                Hub = hub,
                PartitionId = partition,
                SequenceNumber = last.SequenceNumber,
                Offset = last.Offset,
                EnqueuedAt = last.EnqueuedTime,
                Lag = _time.GetUtcNow() - last.EnqueuedTime,
            };
            await _watermarks.SetStreamWatermarkAsync(watermark, cancellationToken).ConfigureAwait(false);
            StreamLogs.Lag(_logger, hub, partition, watermark.SequenceNumber, Math.Round(watermark.Lag.TotalSeconds, 3));
        }

        StreamLogs.Landed(_logger, hub, partition, ordered[0].SequenceNumber, last.SequenceNumber, landed, quarantined, skipped, files.Count);
        return new StreamBatchResult(events.Count, landed, quarantined, skipped, files, bytes, watermark);
    }

    /// <summary>The hub's schema as the lake holds it (<see cref="StreamFileName.Schema"/>), read again after <see cref="StreamOptions.SchemaRefresh"/>.</summary>
    public async Task<StreamSchema?> SchemaAsync(string hub, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_schemas.TryGetValue(hub, out var cached) && now - cached.ReadAt < _options.SchemaRefresh)
        {
            return cached.Schema;
        }

        StreamSchema? schema = null;
        var path = StreamFileName.Schema(hub);
        if (await _lake.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var stream = await _lake.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream);
                schema = StreamSchema.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            }

            StreamLogs.SchemaLoaded(_logger, hub, schema.Fields.Count);
        }

        _schemas[hub] = (schema, now);
        return schema;
    }

    /// <summary>Stores <paramref name="schema"/> as the hub's schema; later batches land its typed columns.</summary>
    public async Task SaveSchemaAsync(string hub, StreamSchema schema, CancellationToken cancellationToken = default)
    {
        StreamFileName.ValidateHub(hub);
        ArgumentNullException.ThrowIfNull(schema);
        var json = System.Text.Encoding.UTF8.GetBytes(schema.ToJson());
        await _lake.PutAsync(StreamFileName.Schema(hub), (stream, token) => stream.WriteAsync(json, token).AsTask(), cancellationToken).ConfigureAwait(false);
        _schemas[hub] = (schema, _time.GetUtcNow());
    }

    private StreamSegmentWriter RentWriter(StreamSchema? schema, int events)
    {
        while (_writers.TryTake(out var pooled))
        {
            // A writer made for an older schema has the wrong typed columns: drop it.
            if (ReferenceEquals(pooled.Schema, schema))
            {
                return pooled;
            }
        }

        return new StreamSegmentWriter(schema, _options.MaxEventBytes, Math.Min(events, MaxBatchCapacity));
    }

    // One per partition landing side by side is all that is kept.
    private void ReturnWriter(StreamSegmentWriter writer)
    {
        if (_writers.Count < Environment.ProcessorCount * 4)
        {
            _writers.Add(writer);
        }
    }

    private static List<StreamEvent> Ordered(IReadOnlyList<StreamEvent> events)
    {
        // Batches nearly always arrive in order: check that before paying for a sort.
        var inOrder = true;
        for (var i = 1; i < events.Count && inOrder; i++)
        {
            inOrder = events[i - 1].SequenceNumber <= events[i].SequenceNumber;
        }

        var ordered = new List<StreamEvent>(events.Count);
        foreach (var e in inOrder ? events : (IEnumerable<StreamEvent>)events.OrderBy(e => e.SequenceNumber))
        {
            ArgumentOutOfRangeException.ThrowIfNegative(e.SequenceNumber, "events[].SequenceNumber");
            if (ordered.Count == 0 || ordered[^1].SequenceNumber != e.SequenceNumber)
            {
                ordered.Add(e);
            }
        }

        return ordered;
    }

    // The sequence ranges of the partition's bronze files on the dates of the events above the watermark,
    // ordered by first sequence (files of one partition never overlap: verify checks it).
    private async Task<List<(long First, long Last)>> WrittenRangesAsync(string hub, string partition, List<StreamEvent> ordered, long floor, CancellationToken cancellationToken)
    {
        var ranges = new List<(long First, long Last)>();
        var dates = ordered.Where(e => e.SequenceNumber > floor).Select(e => StreamFileName.DateOf(e.EnqueuedTime)).Distinct();
        foreach (var date in dates)
        {
            await foreach (var item in _lake.ListAsync(StreamFileName.PartitionPrefix(hub, date, partition), cancellationToken).ConfigureAwait(false))
            {
                if (StreamFileName.TryParse(item.Path, out var file) && !file.IsQuarantine && file.Partition == partition)
                {
                    ranges.Add((file.FirstSequence, file.LastSequence));
                }
            }
        }

        ranges.Sort();
        return ranges;
    }

    private async Task<(int Landed, int Quarantined, long Bytes)> WriteSegmentAsync(
        string hub, string partition, List<StreamEvent> ordered, int start, int end, StreamSegmentWriter writer, List<string> files, CancellationToken cancellationToken)
    {
        writer.Clear(partition);
        long bytes = 0;
        for (var i = start; i < end; i++)
        {
            writer.Add(ordered[i]);
            bytes += ordered[i].Body.Length;
        }

        var date = StreamFileName.DateOf(ordered[start].EnqueuedTime);
        var (first, last) = (ordered[start].SequenceNumber, ordered[end - 1].SequenceNumber);
        if (writer.Quarantine.RowCount > 0)
        {
            var quarantinePath = StreamFileName.Quarantine(hub, date, partition, first, last);
            await PutAsync(quarantinePath, writer.Quarantine, cancellationToken).ConfigureAwait(false);
            files.Add(quarantinePath);
            StreamLogs.Quarantined(_logger, writer.Quarantine.RowCount, hub, partition, quarantinePath);
        }

        // Last: a bronze file in the lake means its whole range is landed, quarantine included.
        var bronzePath = StreamFileName.Bronze(hub, date, partition, first, last);
        await PutAsync(bronzePath, writer.Bronze, cancellationToken).ConfigureAwait(false);
        files.Add(bronzePath);
        return (writer.Bronze.RowCount, writer.Quarantine.RowCount, bytes);
    }

    // raw_json is all but unique per event, so a dictionary is built only to be dropped: PLAIN from the start.
    private static ParquetWriterOptions WriterOptions() => new() { DictionaryEnabled = false };

    private Task<LakeItem> PutAsync(string path, ParquetBatch batch, CancellationToken cancellationToken) =>
        _lake.PutAsync(path, async (stream, token) =>
        {
            var writer = await ParquetWriter.CreateAsync(batch.Schema, stream, WriterOptions(), token).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                if (batch.RowCount > 0)
                {
                    await writer.WriteAsync(batch, token).ConfigureAwait(false);
                }

                await writer.CompleteAsync(token).ConfigureAwait(false);
            }
        }, cancellationToken);
}
