using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>
/// Reads a query response body as it arrives: Utf8JsonReader over a window of the stream, a small
/// state machine for <c>{"tables":[{"name","columns","rows"}], "error"}</c>, values appended straight
/// into typed columns, a batch handed out every <c>batchRows</c> rows. Only one batch and one buffer
/// (which grows only to hold the largest single value) are held at a time.
/// </summary>
internal sealed class QueryResponseReader
{
    private const int InitialBuffer = 64 * 1024;

    private readonly int _batchRows;
    private readonly List<LogBatch> _ready = [];
    private (string Name, LogColumnType Type)[]? _schema;
    private LogColumn[]? _columns;
    private TextCache[] _caches = [];
    private bool[] _wholeValue = [];
    private State _state = State.Start;
    private int _table = -1;
    private int _column;
    private long _offset;       // stream position of the buffer's first byte
    private long _rowStart;
    private bool _complete;

    public QueryResponseReader(int batchRows) => _batchRows = batchRows;

    private enum State
    {
        Start,
        Root,
        Tables,
        Table,
        Columns,
        Rows,
        Row,
        End,
    }

    /// <summary>Column names and types of the primary table, once read.</summary>
    public IReadOnlyList<(string Name, LogColumnType Type)>? Schema => _schema;

    public long Rows { get; private set; }

    /// <summary>Bytes of the rows' JSON, and of the largest single row.</summary>
    public long RowBytes { get; private set; }

    public long LargestRow { get; private set; }

    /// <summary>The <c>error</c> object of a 200 (a partial result), as "code: message" details.</summary>
    public string? PartialError { get; private set; }

    public async IAsyncEnumerable<LogBatch> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var filled = 0;
            var final = false;
            var state = default(JsonReaderState);
            while (true)
            {
                if (!final)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        throw LostConnection(ex);
                    }

                    final = read == 0;
                    filled += read;
                }

                int consumed;
                try
                {
                    consumed = Feed(buffer.AsSpan(0, filled), final, ref state);
                }
                catch (JsonException ex)
                {
                    throw new LogIngestException(final ? ErrorCodes.Unavailable : ErrorCodes.Schema,
                        $"The query response is not the expected JSON at byte {_offset}: {ex.Message}", ex);
                }

                foreach (var batch in _ready)
                {
                    yield return batch;
                }

                _ready.Clear();
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                _offset += consumed;
                if (final)
                {
                    if (!_complete)
                    {
                        throw LostConnection(null);
                    }

                    yield break;
                }

                if (filled == buffer.Length)
                {
                    // One value larger than the buffer: grow to hold it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static LogIngestException LostConnection(Exception? inner) =>
        new(ErrorCodes.Unavailable, "The connection to the query service ended before the whole response arrived; the result is incomplete.", inner);

    // Reads what the span holds; returns the bytes consumed (complete tokens and values only).
    private int Feed(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (true)
        {
            if (_state is State.Rows or State.Row)
            {
                if (ReadRows(ref reader, data, out var rewind, out var rewindConsumed))
                {
                    continue;
                }

                if (rewindConsumed >= 0)
                {
                    state = rewind;
                    return rewindConsumed;
                }

                break;
            }

            // A resume point is kept where a step may need a whole value that is not all here yet
            // (the columns list, the error object).
            var before = reader.CurrentState;
            var beforeConsumed = (int)reader.BytesConsumed;
            if (!reader.Read())
            {
                break;
            }

            if (!Step(ref reader, data))
            {
                state = before;
                return beforeConsumed;
            }
        }

        // A failed Read leaves the reader just after the last complete token.
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    // The hot loop: rows and their values straight into the columns, the position kept in locals.
    // True when the rows array has ended; false when the data ran out first, with `rewindConsumed`
    // (else -1) and `rewind` naming where to resume when a dynamic value was not all here yet.
    private bool ReadRows(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out JsonReaderState rewind, out int rewindConsumed)
    {
        rewind = default;
        rewindConsumed = -1;
        var columns = _columns!;
        var caches = _caches;
        var wholeValue = _wholeValue;
        var column = _column;
        var inRow = _state == State.Row;
        while (true)
        {
            if (!inRow)
            {
                if (!reader.Read())
                {
                    return false;
                }

                var token = reader.TokenType;
                if (token == JsonTokenType.StartArray)
                {
                    _rowStart = _offset + reader.TokenStartIndex;
                    column = 0;
                    _column = 0;
                    _state = State.Row;
                    inRow = true;
                    continue;
                }

                if (token == JsonTokenType.EndArray)
                {
                    Flush();
                    _state = State.Table;
                    return true;
                }

                throw Unexpected(token, "a row array");
            }

            // Only a dynamic value may need more bytes than the buffer holds now; plain values never do.
            var whole = column < wholeValue.Length && wholeValue[column];
            var before = whole ? reader.CurrentState : default;
            var beforeConsumed = whole ? (int)reader.BytesConsumed : 0;
            if (!reader.Read())
            {
                _column = column;
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                _column = column;
                EndRow(reader.BytesConsumed);
                columns = _columns!;
                _state = State.Rows;
                inRow = false;
                continue;
            }

            if (column >= columns.Length)
            {
                throw new LogIngestException(ErrorCodes.Schema, $"Row {Rows + 1} has more values than the {columns.Length} columns.");
            }

            // Text, the most common value, without the general dispatch.
            var target = columns[column];
            if (reader.TokenType == JsonTokenType.String && target.Type is LogColumnType.String or LogColumnType.Guid or LogColumnType.TimeSpan or LogColumnType.Dynamic)
            {
                target.AppendText(caches[column].Get(ref reader));
            }
            else if (!AppendValue(ref reader, data, target, caches[column]))
            {
                _column = column;
                rewind = before;
                rewindConsumed = beforeConsumed;
                return false;
            }

            column++;
        }
    }

    // Handles one token; false when it starts a value that must be read whole and is not complete.
    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        var token = reader.TokenType;
        switch (_state)
        {
            case State.Start:
                if (token != JsonTokenType.StartObject)
                {
                    throw Unexpected(token, "the response object");
                }

                _state = State.Root;
                return true;

            case State.Root:
                if (token == JsonTokenType.EndObject)
                {
                    _complete = true;
                    _state = State.End;
                    return true;
                }

                if (reader.ValueTextEquals("tables"u8))
                {
                    return ReadInto(ref reader, JsonTokenType.StartArray, State.Tables);
                }

                if (reader.ValueTextEquals("error"u8))
                {
                    // "error": null says there was none; only an error object marks a partial result.
                    return TryReadWhole(ref reader, data, raw => PartialError = raw.SequenceEqual("null"u8) ? null : DescribeError(raw));
                }

                return TryReadWhole(ref reader, data, static _ => { });

            case State.Tables:
                if (token == JsonTokenType.EndArray)
                {
                    _state = State.Root;
                    return true;
                }

                if (token != JsonTokenType.StartObject)
                {
                    throw Unexpected(token, "a table object");
                }

                if (_table >= 0)
                {
                    // Only the primary result is read; later tables (none for these queries) are skipped whole.
                    return SkipStartedValue(ref reader);
                }

                _table++;
                _state = State.Table;
                return true;

            case State.Table:
                if (token == JsonTokenType.EndObject)
                {
                    _state = State.Tables;
                    return true;
                }

                if (reader.ValueTextEquals("columns"u8))
                {
                    return TryReadWhole(ref reader, data, ReadSchema);
                }

                if (reader.ValueTextEquals("rows"u8))
                {
                    if (_schema is null)
                    {
                        throw new LogIngestException(ErrorCodes.Schema, "The response lists rows before its columns.");
                    }

                    return ReadInto(ref reader, JsonTokenType.StartArray, State.Rows);
                }

                return TryReadWhole(ref reader, data, static _ => { });

            default:
                throw Unexpected(token, "the end of the response");
        }
    }

    // After a property name: the next token must be `expected`, then continue in `next`.
    private bool ReadInto(ref Utf8JsonReader reader, JsonTokenType expected, State next)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null && next == State.Rows)
        {
            Flush();
            _state = State.Table;
            return true;
        }

        if (reader.TokenType != expected)
        {
            throw Unexpected(reader.TokenType, expected.ToString());
        }

        _state = next;
        return true;
    }

    // After a property name: hand the whole value's raw bytes to `use`, or say it is not all here yet.
    private static bool TryReadWhole(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ReadOnlySpanAction use)
    {
        if (!reader.Read())
        {
            return false;
        }

        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var probe = reader;
            if (!probe.TrySkip())
            {
                return false;
            }

            reader = probe;
        }

        use(data[start..(int)reader.BytesConsumed]);
        return true;
    }

    private static bool SkipStartedValue(ref Utf8JsonReader reader)
    {
        var probe = reader;
        if (!probe.TrySkip())
        {
            return false;
        }

        reader = probe;
        return true;
    }

    private delegate void ReadOnlySpanAction(ReadOnlySpan<byte> raw);

    private void ReadSchema(ReadOnlySpan<byte> raw)
    {
        var schema = new List<(string, LogColumnType)>();
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(reader.TokenType, "the columns array");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? name = null, type = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                var isType = reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("ColumnType"u8);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    name = reader.GetString();
                }
                else if (isType && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (string.IsNullOrEmpty(name) || !LogColumnTypes.TryParse(type, out var parsed))
            {
                throw new LogIngestException(ErrorCodes.Schema, $"The response describes column '{name}' with type '{type}', which is not a Log Analytics type.");
            }

            schema.Add((name, parsed));
        }

        _schema = [.. schema];
        _columns = NewColumns();
        _wholeValue = [.. _schema.Select(c => c.Type == LogColumnType.Dynamic)];
        _caches = new TextCache[_schema.Length];
        for (var i = 0; i < _caches.Length; i++)
        {
            // dynamic text repeats whole (the same property bag on many rows) and is long and escaped,
            // so it is worth keeping longer values, in fewer sets to bound the memory, at a lower hit rate.
            _caches[i] = _schema[i].Type == LogColumnType.Dynamic ? new TextCache(maxLength: 512, minHitsPerFourMisses: 1, sets: 64) : new TextCache();
        }
    }

    private LogColumn[] NewColumns()
    {
        var columns = new LogColumn[_schema!.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new LogColumn(_schema[i].Name, _schema[i].Type, _batchRows);
        }

        return columns;
    }

    private void EndRow(long bytesConsumed)
    {
        if (_column != _columns!.Length)
        {
            throw new LogIngestException(ErrorCodes.Schema, $"Row {Rows + 1} has {_column} values for {_columns.Length} columns.");
        }

        var size = _offset + bytesConsumed - _rowStart;
        RowBytes += size;
        LargestRow = Math.Max(LargestRow, size);
        Rows++;
        if (_columns[0].Count >= _batchRows)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_columns is { Length: > 0 } && _columns[0].Count > 0)
        {
            _ready.Add(new LogBatch(_columns));
            _columns = NewColumns();
        }
    }

    private static bool AppendValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, LogColumn column, TextCache cache)
    {
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            column.AppendNull();
            return true;
        }

        switch (column.Type)
        {
            case LogColumnType.String or LogColumnType.Guid or LogColumnType.TimeSpan:
                if (token == JsonTokenType.String)
                {
                    column.AppendText(cache.Get(ref reader));
                    return true;
                }

                break;
            case LogColumnType.DateTime:
                if (token == JsonTokenType.String && !reader.ValueIsEscaped && Iso8601.TryParseTicks(reader.ValueSpan, out var ticks))
                {
                    column.AppendInt64(ticks);
                    return true;
                }

                break;
            case LogColumnType.Long:
                if (token == JsonTokenType.Number && reader.TryGetInt64(out var l))
                {
                    column.AppendInt64(l);
                    return true;
                }

                if (token == JsonTokenType.String && long.TryParse(Text(ref reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
                {
                    column.AppendInt64(l);
                    return true;
                }

                break;
            case LogColumnType.Int:
                if (token == JsonTokenType.Number && reader.TryGetInt32(out var i))
                {
                    column.AppendInt32(i);
                    return true;
                }

                if (token == JsonTokenType.String && int.TryParse(Text(ref reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out i))
                {
                    column.AppendInt32(i);
                    return true;
                }

                break;
            case LogColumnType.Real:
                if (token == JsonTokenType.Number && reader.TryGetDouble(out var d))
                {
                    column.AppendDouble(d);
                    return true;
                }

                if (token == JsonTokenType.String)
                {
                    // Non-finite reals always come as strings ("NaN", "Infinity", "-Infinity"), others may.
                    var text = Text(ref reader);
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d))
                    {
                        column.AppendDouble(d);
                        return true;
                    }
                }

                break;
            case LogColumnType.Bool:
                if (token is JsonTokenType.True or JsonTokenType.False)
                {
                    column.AppendBoolean(token == JsonTokenType.True);
                    return true;
                }

                if (token == JsonTokenType.Number && reader.TryGetInt32(out var flag) && flag is 0 or 1)
                {
                    column.AppendBoolean(flag == 1);
                    return true;
                }

                if (token == JsonTokenType.String && bool.TryParse(Text(ref reader), out var b))
                {
                    column.AppendBoolean(b);
                    return true;
                }

                break;
            case LogColumnType.Decimal:
                if (token == JsonTokenType.String)
                {
                    column.AppendText(reader.GetString());
                    return true;
                }

                if (token == JsonTokenType.Number)
                {
                    column.AppendText(Encoding.UTF8.GetString(reader.ValueSpan));
                    return true;
                }

                break;
            case LogColumnType.Dynamic:
                if (token == JsonTokenType.String)
                {
                    column.AppendText(cache.Get(ref reader));
                    return true;
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    var probe = reader;
                    if (!probe.TrySkip())
                    {
                        return false;
                    }

                    reader = probe;
                    column.AppendText(Encoding.UTF8.GetString(data[start..(int)reader.BytesConsumed]));
                    return true;
                }

                // Numbers and booleans are valid dynamic values; keep their JSON text.
                column.AppendText(Encoding.UTF8.GetString(reader.ValueSpan));
                return true;
        }

        var held = token == JsonTokenType.String ? $"the string \"{Shorten(Text(ref reader))}\"" : $"a JSON {token}";
        throw new LogIngestException(ErrorCodes.Schema,
            $"Column '{column.Name}' is {LogColumnTypes.ToApiName(column.Type)} but row {column.Count + 1} of its batch holds {held}, which is not a {LogColumnTypes.ToApiName(column.Type)}.");
    }

    // The text of a string value (numbers and booleans may come as strings, as in the service's published examples).
    private static string Text(ref Utf8JsonReader reader) => reader.GetString() ?? string.Empty;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string DescribeError(ReadOnlySpan<byte> raw)
    {
        try
        {
            var error = JsonDocument.Parse(raw.ToArray());
            using (error)
            {
                return ServiceError.Describe(error.RootElement);
            }
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(raw);
        }
    }

    private static LogIngestException Unexpected(JsonTokenType token, string expected) =>
        new(ErrorCodes.Schema, $"The query response has a JSON {token} where {expected} belongs.");
}
