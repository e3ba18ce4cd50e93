using LogIngest.Parquet.Pages;
using LogIngest.Parquet.IO;
using LogIngest.Parquet.Thrift;

namespace LogIngest.Parquet;

/// <summary>
/// Writes one Parquet file to a stream, forward only (the stream need not seek), holding at most
/// one row group in memory. Create with <see cref="CreateAsync"/>, append batches with
/// <see cref="WriteAsync"/>, finish with <see cref="CompleteAsync"/>. Disposing without completing
/// leaves the file without a footer (unreadable) on purpose: a failed write must not look whole.
/// The writer does not dispose the stream.
/// </summary>
public sealed class ParquetWriter : IAsyncDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    // Rows encoded per step: row groups are cut at step boundaries when the byte limit is hit.
    private const int StepRows = 32 * 1024;
    private const int MinStepRows = 16;

    private readonly Stream _stream;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnChunkWriter[] _columns;
    private readonly SegmentPool _pool = new();
    private readonly List<byte[]> _rowGroups = [];
    private long _position;
    private int _rowGroupRows;
    private State _state;

    private ParquetWriter(ParquetSchema schema, Stream stream, ParquetWriterOptions options)
    {
        Schema = schema;
        _stream = stream;
        _options = options;
        _columns = new ColumnChunkWriter[schema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = schema.Columns[i];
            _columns[i] = column.Type switch
            {
                ParquetColumnType.String or ParquetColumnType.Json => new ByteArrayColumnWriter(column, options, _pool),
                ParquetColumnType.Int32 => new IntegerColumnWriter<int>(column, options, _pool, FormatConstants.TypeInt32),
                ParquetColumnType.Int64 or ParquetColumnType.Timestamp => new IntegerColumnWriter<long>(column, options, _pool, FormatConstants.TypeInt64),
                ParquetColumnType.Double => new DoubleColumnWriter(column, options, _pool),
                ParquetColumnType.Boolean => new BooleanColumnWriter(column, options, _pool),
                ParquetColumnType.Decimal => new DecimalColumnWriter(column, options, _pool),
                ParquetColumnType.Uuid => new UuidColumnWriter(column, options, _pool),
                _ => throw new ParquetException($"Column '{column.Name}' has an unknown type {column.Type}.", column.Name),
            };
        }
    }

    private enum State
    {
        Open,
        Completed,
        Failed,
        Disposed,
    }

    public ParquetSchema Schema { get; }

    /// <summary>Rows accepted so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Row groups written to the stream so far.</summary>
    public int RowGroupCount => _rowGroups.Count;

    /// <summary>Bytes written to the stream so far (the whole file once completed).</summary>
    public long BytesWritten => _position;

    /// <summary>Starts a file: validates schema and options and writes the leading magic bytes.</summary>
    /// <param name="schema">The columns of the file.</param>
    /// <param name="stream">A writable stream; it may be forward only. Not disposed by the writer.</param>
    /// <param name="options">Settings; null means the defaults.</param>
    /// <param name="cancellationToken">Cancels the first write.</param>
    public static async Task<ParquetWriter> CreateAsync(
        ParquetSchema schema,
        Stream stream,
        ParquetWriterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ParquetException("The stream given to ParquetWriter.CreateAsync is not writable; pass a writable stream.");
        }

        options ??= new ParquetWriterOptions();
        options.Validate();
        var writer = new ParquetWriter(schema, stream, options);
        await writer.WriteRawAsync(Magic, cancellationToken).ConfigureAwait(false);
        return writer;
    }

    /// <summary>
    /// Encodes the batch's rows. Row groups are flushed to the stream as they fill, so this may
    /// write. The batch can be cleared and reused when the call returns.
    /// </summary>
    public async Task WriteAsync(ParquetBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        EnsureOpen();
        var rows = Validate(batch);
        var start = 0;
        try
        {
            while (start < rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var take = Math.Min(Math.Min(rows - start, StepRowsWithinByteLimit()), _options.RowGroupMaxRows - _rowGroupRows);
                EncodeStep(batch, start, take);
                start += take;
                _rowGroupRows += take;
                RowCount += take;
                if (_rowGroupRows >= _options.RowGroupMaxRows || BufferedBytes() >= _options.RowGroupMaxBytes)
                {
                    await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            _state = State.Failed;
            throw;
        }
    }

    /// <summary>Flushes the last row group and writes the footer. The file is complete when this returns.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        try
        {
            if (_rowGroupRows > 0)
            {
                await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
            }

            using var footer = new ByteBuffer(16 * 1024);
            WriteFileMetaData(footer);
            var length = footer.Length;
            footer.WriteInt32LittleEndian(length);
            footer.Write(Magic);
            await WriteRawAsync(footer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _state = State.Completed;
        }
        catch
        {
            _state = State.Failed;
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_state != State.Disposed)
        {
            _state = State.Disposed;
            foreach (var column in _columns)
            {
                column.Dispose();
            }

            _pool.Trim(0);
        }

        return ValueTask.CompletedTask;
    }

    private void EnsureOpen()
    {
        switch (_state)
        {
            case State.Completed:
                throw new ParquetException("The Parquet file is already complete; create a new ParquetWriter to write more rows.");
            case State.Failed:
                throw new ParquetException("An earlier write to this Parquet file failed; the file is incomplete. Start a new file.");
            case State.Disposed:
                throw new ObjectDisposedException(nameof(ParquetWriter));
        }
    }

    private int Validate(ParquetBatch batch)
    {
        var expected = Schema.Columns;
        var actual = batch.Schema.Columns;
        if (!ReferenceEquals(batch.Schema, Schema))
        {
            for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
            {
                if (i >= actual.Count)
                {
                    throw new ParquetException(
                        $"The batch has {actual.Count} columns but the file has {expected.Count}: column '{expected[i].Name}' is missing. Build the batch from the writer's schema.",
                        expected[i].Name);
                }

                if (i >= expected.Count)
                {
                    throw new ParquetException(
                        $"The batch has {actual.Count} columns but the file has {expected.Count}: column '{actual[i].Name}' is not in the file's schema. Build the batch from the writer's schema.",
                        actual[i].Name);
                }

                if (expected[i] != actual[i])
                {
                    throw new ParquetException(
                        $"Column {i} of the batch is '{actual[i].Name}' {actual[i].Type}{(actual[i].IsNullable ? " nullable" : " required")}, but the file expects '{expected[i].Name}' {expected[i].Type}{(expected[i].IsNullable ? " nullable" : " required")}. Build the batch from the writer's schema.",
                        expected[i].Name);
                }
            }
        }

        var rows = batch.Columns[0].Count;
        foreach (var buffer in batch.Columns)
        {
            if (buffer.Count != rows)
            {
                throw new ParquetException(
                    $"Column '{buffer.Column.Name}' has {buffer.Count} rows but column '{batch.Columns[0].Column.Name}' has {rows}; every column of a batch needs one value (or null) per row.",
                    buffer.Column.Name);
            }

            if (buffer.NullCount > 0 && !buffer.Column.IsNullable)
            {
                throw new ParquetException(
                    $"Column '{buffer.Column.Name}' is required but holds {buffer.NullCount} nulls; supply values or declare it nullable.",
                    buffer.Column.Name);
            }
        }

        return rows;
    }

    private void EncodeStep(ParquetBatch batch, int start, int count)
    {
        // Columns encode independently; spread them over cores when the step is worth it.
        if (_options.MaxDegreeOfParallelism > 1 && _columns.Length > 1 && count >= 4096)
        {
            Parallel.For(
                0,
                _columns.Length,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism },
                c => _columns[c].Write(batch.Columns[c], start, count));
        }
        else
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c].Write(batch.Columns[c], start, count);
            }
        }
    }

    /// <summary>
    /// Rows to encode next: cut so that, at the row group's bytes per row so far, the step cannot
    /// overshoot <see cref="ParquetWriterOptions.RowGroupMaxBytes"/> by much; steps at most double,
    /// so the estimate is refined before a big step relies on it.
    /// </summary>
    private int StepRowsWithinByteLimit()
    {
        if (_rowGroupRows == 0)
        {
            return MinStepRows;
        }

        var buffered = BufferedBytes();
        var perRow = Math.Max(1.0, buffered / (double)_rowGroupRows);
        var room = (_options.RowGroupMaxBytes - buffered) / perRow;
        return (int)Math.Clamp(room, MinStepRows, Math.Min(StepRows, Math.Max(MinStepRows, _rowGroupRows)));
    }

    private long BufferedBytes()
    {
        long total = 0;
        foreach (var column in _columns)
        {
            total += column.BufferedBytes;
        }

        return total;
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        if (_options.MaxDegreeOfParallelism > 1 && _columns.Length > 1)
        {
            Parallel.ForEach(_columns, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism }, c => c.FinishChunk());
        }
        else
        {
            foreach (var column in _columns)
            {
                column.FinishChunk();
            }
        }

        var rowGroupOffset = _position;
        var metadata = new ByteBuffer(1024);
        try
        {
            var writer = new CompactProtocolWriter(metadata);
            writer.StructBegin();
            writer.ListBegin(1, CompactProtocolWriter.ListOfStruct, _columns.Length);
            long uncompressed = 0;
            long compressed = 0;
            foreach (var column in _columns)
            {
                var chunkOffset = _position;
                await column.CopyToAsync(_stream, cancellationToken).ConfigureAwait(false);
                _position += column.ChunkLength;
                column.WriteColumnChunk(writer, chunkOffset);
                uncompressed += column.TotalUncompressedBytes;
                compressed += column.TotalCompressedBytes;
            }

            writer.I64(2, uncompressed);
            writer.I64(3, _rowGroupRows);
            writer.I64(5, rowGroupOffset);
            writer.I64(6, compressed);
            // RowGroup.ordinal is an i16: files with more row groups simply leave it out.
            if (_rowGroups.Count <= short.MaxValue)
            {
                writer.I16(7, (short)_rowGroups.Count);
            }
            writer.StructEnd();
            _rowGroups.Add(metadata.WrittenSpan.ToArray());
        }
        finally
        {
            metadata.Dispose();
        }

        foreach (var column in _columns)
        {
            column.ResetChunk();
        }

        _rowGroupRows = 0;
    }

    private void WriteFileMetaData(ByteBuffer output)
    {
        var writer = new CompactProtocolWriter(output);
        writer.StructBegin();
        writer.I32(1, 1);
        writer.ListBegin(2, CompactProtocolWriter.ListOfStruct, _columns.Length + 1);
        writer.StructBegin();
        writer.String(4, "schema");
        writer.I32(5, _columns.Length);
        writer.StructEnd();
        foreach (var column in Schema.Columns)
        {
            WriteSchemaElement(writer, column);
        }

        writer.I64(3, RowCount);
        writer.ListBegin(4, CompactProtocolWriter.ListOfStruct, _rowGroups.Count);
        foreach (var rowGroup in _rowGroups)
        {
            // Each row group was serialised as a complete struct when flushed.
            output.Write(rowGroup);
        }

        if (_options.KeyValueMetadata.Count > 0)
        {
            writer.ListBegin(5, CompactProtocolWriter.ListOfStruct, _options.KeyValueMetadata.Count);
            foreach (var (key, value) in _options.KeyValueMetadata)
            {
                writer.StructBegin();
                writer.String(1, key);
                writer.String(2, value);
                writer.StructEnd();
            }
        }

        writer.String(6, _options.CreatedBy);

        // TYPE_ORDER for every column: min_value/max_value follow each type's sort order.
        writer.ListBegin(7, CompactProtocolWriter.ListOfStruct, _columns.Length);
        for (var i = 0; i < _columns.Length; i++)
        {
            writer.StructBegin();
            writer.StructField(1);
            writer.StructEnd();
            writer.StructEnd();
        }

        writer.StructEnd();
    }

    private static void WriteSchemaElement(CompactProtocolWriter writer, ParquetColumn column)
    {
        var (physical, converted, logical) = column.Type switch
        {
            ParquetColumnType.String => (FormatConstants.TypeByteArray, FormatConstants.ConvertedUtf8, FormatConstants.LogicalString),
            ParquetColumnType.Json => (FormatConstants.TypeByteArray, FormatConstants.ConvertedJson, FormatConstants.LogicalJson),
            ParquetColumnType.Int32 => (FormatConstants.TypeInt32, -1, (short)0),
            ParquetColumnType.Int64 => (FormatConstants.TypeInt64, -1, (short)0),
            ParquetColumnType.Double => (FormatConstants.TypeDouble, -1, (short)0),
            ParquetColumnType.Boolean => (FormatConstants.TypeBoolean, -1, (short)0),
            ParquetColumnType.Decimal => (FormatConstants.TypeFixedLenByteArray, FormatConstants.ConvertedDecimal, FormatConstants.LogicalDecimal),
            ParquetColumnType.Uuid => (FormatConstants.TypeFixedLenByteArray, -1, FormatConstants.LogicalUuid),
            _ => (FormatConstants.TypeInt64, FormatConstants.ConvertedTimestampMicros, FormatConstants.LogicalTimestamp),
        };

        var isDecimal = column.Type == ParquetColumnType.Decimal;
        writer.StructBegin();
        writer.I32(1, physical);
        if (isDecimal || column.Type == ParquetColumnType.Uuid)
        {
            writer.I32(2, DecimalColumnWriter.ByteWidth);
        }

        writer.I32(3, column.IsNullable ? FormatConstants.Optional : FormatConstants.Required);
        writer.String(4, column.Name);
        if (converted >= 0)
        {
            writer.I32(6, converted);
        }

        if (isDecimal)
        {
            // The legacy scale/precision fields, for readers that predate logical types.
            writer.I32(7, ParquetDecimal.Scale);
            writer.I32(8, ParquetDecimal.Precision);
        }

        if (logical != 0)
        {
            writer.StructField(10);
            writer.StructField(logical);
            if (logical == FormatConstants.LogicalTimestamp)
            {
                writer.Bool(1, true);
                writer.StructField(2);
                writer.StructField(FormatConstants.TimeUnitMicros);
                writer.StructEnd();
                writer.StructEnd();
            }
            else if (isDecimal)
            {
                writer.I32(1, ParquetDecimal.Scale);
                writer.I32(2, ParquetDecimal.Precision);
            }

            writer.StructEnd();
            writer.StructEnd();
        }

        writer.StructEnd();
    }

    private async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        _position += bytes.Length;
    }
}
