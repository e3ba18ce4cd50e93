using System.Buffers;
using System.Text;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Parquet;

namespace LogIngest.Core.Transform;

/// <summary>
/// Turns one window's result into one Parquet file per touched day, in two stages so that memory stays
/// bounded by one batch plus one row group whatever the window's size, and nothing is written before
/// the result is known complete:
/// <list type="number">
/// <item><see cref="Add"/> (while the result streams): checks each row, computes its composite key,
/// routes it to its day by <c>TimeGenerated</c>, appends its canonical encoding to that day's spill file,
/// and collects the keys of the flattened columns (the schema needs all of them before the first row is
/// written).</item>
/// <item><see cref="WriteDayAsync"/> (once the result ended without truncation): reads a day's spill and
/// writes its Parquet file, batch by batch, straight into the destination stream.</item>
/// </list>
/// The output is a pure function of the result's rows and their order: no clock, no random, no machine.
/// </summary>
public sealed class WindowWriter : IAsyncDisposable
{
    public const string TimeGeneratedColumn = "TimeGenerated";

    private readonly WindowWriterSettings _settings;
    private readonly WindowSpill _spill;
    private readonly ArrayBufferWriter<byte> _row = new(4096);
    private readonly ArrayBufferWriter<byte> _record = new(4096);
    private readonly List<FlatEntry> _entries = [];
    private byte[] _utf8 = new byte[1024];
    private CompositeKeyBuilder? _keys;
    private int _timeColumn = -1;
    private (int Column, SortedSet<string> Keys)[] _flatten = [];
    private int _flattenedCount;
    private int[] _converted = [];
    private WindowSchema? _schema;

    public WindowWriter(WindowWriterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchRows, 1, "settings.BatchRows");
        _settings = settings;
        _spill = new WindowSpill(settings.SpillDirectory);
    }

    /// <summary>Rows accepted so far.</summary>
    public long Rows { get; private set; }

    /// <summary>The days rows were routed to, in order.</summary>
    public IReadOnlyCollection<long> Days => _spill.Days;

    /// <summary>Bytes of the temporary spill (about the result's raw size).</summary>
    public long SpillBytes => _spill.Bytes;

    /// <summary>Rows routed to <paramref name="day"/>.</summary>
    public long RowsOf(long day) => _spill.RowsOf(day);

    /// <summary>Stage 1: takes one batch of the result. Throws D201 for rows that cannot be placed, C301 for a flatten column the result lacks.</summary>
    public void Add(LogBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_schema is not null)
        {
            throw new InvalidOperationException("The window's schema is already fixed; add every batch before writing days.");
        }

        var columns = batch.Columns;
        if (_keys is null)
        {
            Start(columns);
        }
        else if (!_keys.SameColumns(columns))
        {
            throw new LogIngestException(ErrorCodes.Schema,
                $"A batch of {_settings.Table} {_settings.Window} has columns ({Describe(columns)}) unlike the result's first batch ({string.Join(", ", _keys.Columns.Select(c => c.Name))}).");
        }

        var time = columns[_timeColumn];
        for (var row = 0; row < batch.RowCount; row++)
        {
            if (time.Nulls[row])
            {
                throw new LogIngestException(ErrorCodes.Schema, $"A row of {_settings.Table} {_settings.Window} has no {TimeGeneratedColumn}; it cannot be given a day partition.");
            }

            var ticks = time.Int64Values[row];
            if (_settings.Axis == TimeAxis.TimeGenerated && !_settings.Window.Contains(ticks))
            {
                throw new LogIngestException(ErrorCodes.Schema,
                    $"The source returned a row of {_settings.Table} at {Interval.FormatTicks(ticks)}, outside the window {_settings.Window}; refusing to write it where another window's file covers it.");
            }

            CheckConvertible(columns, row);
            _row.ResetWrittenCount();
            CanonicalRow.WriteRow(columns, row, _row);
            var key = _keys!.Next(_row.WrittenSpan);
            _record.ResetWrittenCount();
            _record.Write(_row.WrittenSpan);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_record.GetSpan(CompositeKeyBuilder.KeyBytes), key);
            _record.Advance(CompositeKeyBuilder.KeyBytes);
            _spill.Append(DayPartition.DayOf(ticks), _record.WrittenSpan);
            CollectFlattenKeys(columns, row);
            Rows++;
        }
    }

    /// <summary>The flattened keys the rows held so far, as (dynamic column, key).</summary>
    public IReadOnlyCollection<(string Column, string Key)> SeenKeys =>
        _keys is null ? [] : [.. _flatten.SelectMany(f => f.Keys.Select(k => (_keys.Columns[f.Column].Name, k)))];

    /// <summary>
    /// Fixes the schema once every batch is in; null when the result had no columns at all (no rows).
    /// With <paramref name="recorded"/> (the config's flatten schema, holding every key seen here), the
    /// file gets exactly its columns in its order, so every file of the table agrees; without it, the keys
    /// this window saw.
    /// </summary>
    public WindowSchema? Complete(IReadOnlyList<State.FlattenKey>? recorded = null)
    {
        if (_schema is null && _keys is not null)
        {
            _schema = recorded is null
                ? WindowSchema.Build(_keys.Columns, [.. _flatten.Select(f => (f.Column, (IEnumerable<string>)f.Keys))])
                : WindowSchema.BuildInOrder(_keys.Columns, RecordedKeys(recorded));
        }

        return _schema;
    }

    /// <summary>Stage 2: writes <paramref name="day"/>'s Parquet file into <paramref name="output"/>; answers its rows.</summary>
    public async Task<long> WriteDayAsync(long day, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var schema = Complete() ?? throw new InvalidOperationException("The window has no rows to write.");
        var options = _settings.WriterOptions();
        var batch = new ParquetBatch(schema.Parquet, _settings.BatchRows);
        var rowWriter = new RowDecoder(schema, _keys!.Columns, _flatten.Select(f => f.Column).ToArray());
        long rows = 0;
        await using var writer = await ParquetWriter.CreateAsync(schema.Parquet, output, options, cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in _spill.ReadChunksAsync(day, cancellationToken).ConfigureAwait(false))
        {
            var position = 0;
            while (position < chunk.Length)
            {
                rowWriter.Append(WindowSpill.NextRecord(chunk.Span, ref position), batch);
                rows++;
                if (batch.RowCount >= _settings.BatchRows)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }

        if (batch.RowCount > 0)
        {
            await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _spill.DisposeAsync().ConfigureAwait(false);
    }

    private void Start(IReadOnlyList<LogColumn> columns)
    {
        _timeColumn = IndexOf(columns, TimeGeneratedColumn);
        if (_timeColumn < 0 || columns[_timeColumn].Type != LogColumnType.DateTime)
        {
            throw new LogIngestException(ErrorCodes.Schema,
                $"The result of {_settings.Table} has no datetime column {TimeGeneratedColumn} ({Describe(columns)}); rows are partitioned by it, so the config's filter must keep it.");
        }

        if (IndexOf(columns, WindowSchema.CompositeKeyColumn) >= 0)
        {
            throw new LogIngestException(ErrorCodes.Schema,
                $"The result of {_settings.Table} has a column named {WindowSchema.CompositeKeyColumn}, the name of the key column LogIngest adds; rename or drop it in the config's filter.");
        }

        var flatten = new List<(int, SortedSet<string>)>();
        foreach (var name in _settings.Flatten.Distinct(StringComparer.Ordinal))
        {
            var index = IndexOf(columns, name);
            if (index < 0)
            {
                throw new LogIngestException(ErrorCodes.ConfigInvalid,
                    $"flatten: column '{name}' is not in the result of {_settings.Table} ({Describe(columns)}); remove it from 'flatten' or fix its spelling (names are case-sensitive).");
            }

            if (columns[index].Type is not (LogColumnType.Dynamic or LogColumnType.String))
            {
                throw new LogIngestException(ErrorCodes.ConfigInvalid,
                    $"flatten: column '{name}' of {_settings.Table} is {LogColumnTypes.ToApiName(columns[index].Type)}; only dynamic (or string holding JSON) columns can be flattened.");
            }

            flatten.Add((index, new SortedSet<string>(StringComparer.Ordinal)));
        }

        _flatten = [.. flatten];
        _converted = [.. Enumerable.Range(0, columns.Count).Where(c => columns[c].Type is LogColumnType.TimeSpan or LogColumnType.Decimal or LogColumnType.Guid)];
        _keys = new CompositeKeyBuilder(columns, _settings.Split);
    }

    private List<(int Column, string Key)> RecordedKeys(IReadOnlyList<State.FlattenKey> recorded)
    {
        var byName = _flatten.ToDictionary(f => _keys!.Columns[f.Column].Name, f => f, StringComparer.Ordinal);
        var keys = recorded.Where(k => byName.ContainsKey(k.Column)).Select(k => (byName[k.Column].Column, k.Key)).ToList();
        var missing = _flatten.SelectMany(f => f.Keys.Where(k => !keys.Contains((f.Column, k)))).FirstOrDefault();
        if (missing is not null)
        {
            throw new InvalidOperationException($"The flatten schema lacks the key '{missing}' this window saw; add the window's keys to it first.");
        }

        return keys;
    }

    // timespan, decimal and guid values are converted when the day is written; refuse a bad one before anything is.
    private void CheckConvertible(IReadOnlyList<LogColumn> columns, int row)
    {
        foreach (var c in _converted)
        {
            if (columns[c].Text[row] is { } text)
            {
                ParquetTypeMap.EnsureConvertible(columns[c].Type, columns[c].Name, text);
            }
        }
    }

    private void CollectFlattenKeys(IReadOnlyList<LogColumn> columns, int row)
    {
        foreach (var (column, keys) in _flatten)
        {
            var text = columns[column].Text[row];
            if (text is null || !DynamicFlattener.TryRead(Utf8(text), _entries))
            {
                continue;
            }

            foreach (var entry in _entries)
            {
                if (keys.Add(entry.Key) && ++_flattenedCount > _settings.MaxFlattenedColumns)
                {
                    throw new LogIngestException(ErrorCodes.Schema,
                        $"flatten: the window {_settings.Window} of {_settings.Table} has more than {_settings.MaxFlattenedColumns} distinct keys in {columns[column].Name}; remove it from 'flatten' (it stays as JSON text) or narrow it in the filter.");
                }
            }
        }
    }

    private ReadOnlySpan<byte> Utf8(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        return _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8));
    }

    private static int IndexOf(IReadOnlyList<LogColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(IReadOnlyList<LogColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
