using System.Diagnostics;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Transform;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LogIngest.Core.Activities;

/// <summary>
/// Tier 3: turns one planned window (or key-split slice) into committed Parquet files, exactly once.
/// <list type="number">
/// <item>Counts the window at the source, then streams it through a <see cref="WindowWriter"/> (keys,
/// day routing, flatten-key discovery, spilled to temporary files: memory stays bounded).</item>
/// <item>A truncated result (D202 at the end of the stream, in any of its forms) answers
/// <see cref="WindowStatus.SplitRequired"/>; nothing has reached the lake.</item>
/// <item>Reconciles: rows streamed must equal the count before the stream; if not, the window is
/// counted again. More rows at the source than were streamed means rows arrived meanwhile: T104, read
/// it again (a short window must never be checkpointed). Fewer (rows left at the retention edge) is
/// accepted. More streamed than ever counted is D203. Nothing is written unless accepted.</item>
/// <item>Deletes orphans (files of earlier plans overlapping the window), then writes one file per
/// touched day under its deterministic name, so a retry or replay overwrites the same files.</item>
/// </list>
/// </summary>
public sealed class IngestWindowActivity : IActivity<IngestWindowInput, WindowResult>
{
    private const int MaxDaysListedOneByOne = 62;

    private readonly ILogSourceFactory _sources;
    private readonly ILakeStore _lake;
    private readonly IngestWindowOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IControlStore? _control;
    private readonly IFlattenSchemaStore? _schemas;
    private readonly WindowWriteGate? _writeGate;

    public IngestWindowActivity(
        ILogSourceFactory sources,
        ILakeStore lake,
        IOptions<IngestWindowOptions>? options = null,
        TimeProvider? clock = null,
        ILogger<IngestWindowActivity>? logger = null,
        IControlStore? control = null,
        IFlattenSchemaStore? schemas = null,
        WindowWriteGate? writeGate = null)
    {
        _writeGate = writeGate;
        _control = control;
        _schemas = schemas;
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(lake);
        _sources = sources;
        _lake = lake;
        _options = options?.Value ?? new IngestWindowOptions();
        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<WindowResult> RunAsync(IngestWindowInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var config = input.Config ?? throw new ArgumentException("IngestWindowInput.Config is required.", nameof(input));
        var prefix = CheckPrefix(config);
        var started = _clock.GetUtcNow();
        var splitText = input.Split?.ToString() ?? string.Empty;
        var source = _sources.ForConfig(config);
        var query = new LogWindowQuery(config.Table, input.Axis, input.Window) { Split = input.Split, Filter = config.Filter };
        var windowKey = CheckpointKeys.WindowKey(input.Axis, input.Window, input.Split);
        var lineage = new LakeFileLineage(config.Id, input.RunId, config.Table, windowKey, Kql.KqlQueries.Window(query));

        var queryClock = Stopwatch.StartNew();
        var before = await source.CountAsync(query, cancellationToken).ConfigureAwait(false);
        await using var writer = new WindowWriter(new WindowWriterSettings
        {
            Table = config.Table,
            Axis = input.Axis,
            Window = input.Window,
            Split = input.Split,
            Flatten = config.Flatten,
            MaxFlattenedColumns = _options.MaxFlattenedColumns,
            BatchRows = _options.BatchRows,
            SpillDirectory = _options.SpillDirectory,
            WriterOptions = () => _options.CreateWriterOptions(lineage),
        });

        try
        {
            await foreach (var batch in source.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                writer.Add(batch);
            }
        }
        catch (LogIngestException truncated) when (truncated.Code == ErrorCodes.ResultTruncated)
        {
            IngestWindowLogs.SplitRequired(_logger, config.Table, input.Window, splitText, truncated.Message);
            return new WindowResult
            {
                Status = WindowStatus.SplitRequired,
                Window = input.Window,
                Split = input.Split,
                SourceCount = before,
                SplitReason = truncated.Message,
                QueryDuration = queryClock.Elapsed,
                StartedAt = started,
                FinishedAt = _clock.GetUtcNow(),
            };
        }

        var rows = writer.Rows;
        var sourceCount = await ReconcileAsync(source, query, before, rows, splitText, cancellationToken).ConfigureAwait(false);
        var queryDuration = queryClock.Elapsed;

        // Writing is CPU work held to a few windows of the process at a time (WindowWriteGate). The place
        // is taken before the superseded check and the orphans, so a window that waited for it cannot
        // land files after a newer run of its config has started.
        using var writerPlace = _writeGate is null ? null : await _writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var writeClock = Stopwatch.StartNew();

        // The config's flattened columns are decided in state, not per window: this window's new keys are
        // added there first (atomically against other windows), and its files carry every recorded key.
        FlattenSchema? flatten = null;
        if (_schemas is not null && config.Flatten.Count > 0 && rows > 0)
        {
            flatten = await _schemas.AddFlattenKeysAsync(config.Id, writer.SeenKeys, input.RunId, input.Window.Start, cancellationToken).ConfigureAwait(false);
        }

        var schema = writer.Complete(flatten?.Keys);
        var name = new WindowFileName(config.Table, input.Axis, input.Window, input.Split);
        var targets = writer.Days.Select(day => (Day: day, Path: name.PathFor(prefix, day))).ToList();
        var writing = targets.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);

        await ThrowIfSupersededAsync(config.Id, input.RunId, cancellationToken).ConfigureAwait(false);

        // Orphans go before anything is written: an instant is never covered by two files we made.
        var listed = await ListCandidatesAsync(prefix, config.Table, input.Axis, input.Window, writer.Days, cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var orphan in OrphanFiles.Find(listed, name, writing))
        {
            // A sibling slice running at the same time may have deleted it first: count only our deletions.
            if (await _lake.DeleteAsync(orphan, cancellationToken).ConfigureAwait(false))
            {
                removed++;
                IngestWindowLogs.OrphanRemoved(_logger, orphan, config.Table, input.Window);
            }
        }

        long bytes = 0;
        foreach (var (day, path) in targets)
        {
            var item = await _lake.PutAsync(path, async (stream, token) => await writer.WriteDayAsync(day, stream, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            bytes += item.Size;
        }

        var result = new WindowResult
        {
            Status = WindowStatus.Completed,
            Window = input.Window,
            Split = input.Split,
            Rows = rows,
            Bytes = bytes,
            Files = [.. writing.Order(StringComparer.Ordinal)],
            SourceCount = sourceCount,
            LateRows = Math.Max(0, sourceCount - before),
            OrphansRemoved = removed,
            QueryDuration = queryDuration,
            WriteDuration = writeClock.Elapsed,
            FlattenedColumns = schema is null ? [] : [.. schema.Flattened.Select(f => f.Name)],
            SchemaVersion = flatten?.Version ?? 0,
            StartedAt = started,
            FinishedAt = _clock.GetUtcNow(),
        };
        IngestWindowLogs.Ingested(_logger, config.Table, input.Window, splitText, rows, result.Files.Count, bytes, sourceCount, removed);
        return result;
    }

    // A run that was terminated on Durable keeps its running activities going to their end; if the
    // config has started another run meanwhile, this window's files must not land beside that run's
    // (its windows may already have cleared the orphans this one would leave). The config's last run id
    // is the fence: only the current run writes. Nothing has reached the lake when this throws.
    private async Task ThrowIfSupersededAsync(string configId, string runId, CancellationToken cancellationToken)
    {
        if (_control is null)
        {
            return;
        }

        var document = await _control.GetConfigAsync(configId, cancellationToken).ConfigureAwait(false);
        if (document?.LastRunId is { } current && !string.Equals(current, runId, StringComparison.Ordinal))
        {
            throw new LogIngestException(ErrorCodes.Stopped,
                $"Run {runId} of '{configId}' was superseded by run {current}; this window wrote nothing (the current run loads it).");
        }
    }

    // Log Analytics rows only arrive (and, at the retention edge, leave). One count when the stream
    // agrees with it; otherwise a second: if the source now holds more rows than were streamed, rows
    // arrived after the snapshot and checkpointing the window would lose them for good, so the window is
    // read again (T104, retried); if it holds no more than were streamed (rows only left), it is complete.
    private async Task<long> ReconcileAsync(ILogSource source, LogWindowQuery query, long before, long rows, string splitText, CancellationToken cancellationToken)
    {
        if (rows == before)
        {
            return before;
        }

        var after = await source.CountAsync(query, cancellationToken).ConfigureAwait(false);
        var what = $"{query.Table} {query.Window}{(query.Split is { } s ? " " + s : string.Empty)}";
        if (after > before && rows < after)
        {
            IngestWindowLogs.CountMoved(_logger, query.Table, query.Window, splitText, before, after, rows);
            throw new LogIngestException(ErrorCodes.SourceChanged,
                $"{what}: streamed {rows} rows but the source now counts {after} (before: {before}); rows arrived while it was read, so nothing was written and the window will be read again.");
        }

        var grewAndAllStreamed = after > before && rows == after;
        var shrankAndStreamedBetween = after < before && rows >= after && rows <= before;
        if (grewAndAllStreamed || shrankAndStreamedBetween)
        {
            IngestWindowLogs.CountMoved(_logger, query.Table, query.Window, splitText, before, after, rows);
            return after;
        }

        throw new LogIngestException(ErrorCodes.CountMismatch,
            $"{what}: streamed {rows} rows but the source counts {before} before and {after} after; nothing was written. Check the source (or its filter) and run the window again.");
    }

    private async Task<List<string>> ListCandidatesAsync(string prefix, string table, TimeAxis axis, Interval window, IEnumerable<long> touched, CancellationToken cancellationToken)
    {
        var days = OrphanFiles.DaysToList(axis, window, touched, _options.IngestionLagHorizon);
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var day in days)
        {
            var folder = DayPartition.TableDayFolder(prefix, table, day) + "/";
            if (days.Count > MaxDaysListedOneByOne)
            {
                // Long sparse windows: one listing per month rather than one per day.
                folder = folder[..folder.LastIndexOf("day=", StringComparison.Ordinal)];
            }

            folders.Add(folder);
        }

        var listed = new List<string>();
        foreach (var folder in folders)
        {
            await foreach (var item in _lake.ListAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                listed.Add(item.Path);
            }
        }

        return listed;
    }

    private static string CheckPrefix(LoadConfig config)
    {
        var prefix = config.Lake?.Prefix ?? string.Empty;
        try
        {
            LakePath.ValidatePrefix(prefix, "lake.prefix");
        }
        catch (ArgumentException invalid)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, "lake.prefix: " + invalid.Message, invalid);
        }

        return prefix.TrimEnd('/');
    }
}
