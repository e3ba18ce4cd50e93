using System.Buffers;
using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace LogIngest.Parquet;

/// <summary>
/// Reads a Parquet file of flat columns: the footer (row counts, schema, key-value metadata) when
/// opened, then values column by column or row by row. Reads what <see cref="ParquetWriter"/> writes
/// and the same features from other writers: data pages v1 and v2, PLAIN and dictionary encodings
/// (plus the DELTA_* and BYTE_STREAM_SPLIT encodings of v2 writers), RLE definition levels,
/// UNCOMPRESSED / SNAPPY / GZIP. Anything else throws a
/// <see cref="ParquetException"/> naming the column and what is unsupported.
/// Reading a column holds one column chunk in memory at a time; reading rows holds one row group's
/// chunks (compressed) plus one decoded page per column. One enumeration at a time per reader.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private const int MagicLength = 4;

    // Footer length (4 bytes) and trailing magic.
    private const int TailLength = 8;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly byte[] EncryptedMagic = "PARE"u8.ToArray();

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Reading.FileMetadata _metadata;
    private readonly IReadOnlyList<Reading.ColumnDescriptor> _columns;
    private readonly SemaphoreSlim _io = new(1, 1);
    private bool _disposed;

    private ParquetFileReader(Stream stream, bool ownsStream, Reading.FileMetadata metadata, IReadOnlyList<Reading.ColumnDescriptor> columns)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _metadata = metadata;
        _columns = columns;
        Schema = new ParquetSchema(columns.Select(c => c.Column));
        Metadata = new ReadOnlyDictionary<string, string>(metadata.KeyValues.ToDictionary(StringComparer.Ordinal));
        RowGroupRowCounts = metadata.RowGroups.Select(g => g.RowCount).ToList().AsReadOnly();
    }

    /// <summary>Rows in the file (the footer's num_rows, checked against the row groups).</summary>
    public long RowCount => _metadata.RowCount;

    /// <summary>The columns, mapped to the writer's types; timestamps of any unit map to <see cref="ParquetColumnType.Timestamp"/>.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>The footer's key-value metadata (a key repeated in the file keeps its last value).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The footer's created_by, or null when the writer left it out.</summary>
    public string? CreatedBy => _metadata.CreatedBy;

    public int RowGroupCount => _metadata.RowGroups.Count;

    /// <summary>Rows of each row group, in file order.</summary>
    public IReadOnlyList<long> RowGroupRowCounts { get; }

    /// <summary>
    /// Opens a file held in <paramref name="stream"/> and reads its footer. The stream must be
    /// readable and seekable; the reader does not dispose it.
    /// </summary>
    public static async Task<ParquetFileReader> OpenAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return await OpenCoreAsync(stream, ownsStream: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the file at <paramref name="path"/>; the reader closes it when disposed.</summary>
    public static async Task<ParquetFileReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        try
        {
            return await OpenCoreAsync(stream, ownsStream: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every value of a String or Json column, in row order; null for nulls.</summary>
    public async IAsyncEnumerable<string?> ReadStringsAsync(string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var descriptor = Resolve(column);
        if (descriptor.Column.Type is not (ParquetColumnType.String or ParquetColumnType.Json))
        {
            throw new ParquetException(
                $"Column '{column}' is of type {descriptor.Column.Type}, not String or Json; use ReadValuesAsync or ReadRowsAsync for it.", column);
        }

        await foreach (var value in ReadValuesAsync(column, cancellationToken).ConfigureAwait(false))
        {
            yield return (string?)value;
        }
    }

    /// <summary>
    /// Every value of one column, in row order, boxed as in <see cref="ReadRowsAsync"/>: string,
    /// int, long, double, bool, DateTime (UTC) for timestamps, null for nulls.
    /// </summary>
    public async IAsyncEnumerable<object?> ReadValuesAsync(string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var descriptor = Resolve(column);
        for (var g = 0; g < _metadata.RowGroups.Count; g++)
        {
            var (buffer, length) = await ReadChunkAsync(g, descriptor, cancellationToken).ConfigureAwait(false);
            try
            {
                using var reader = new Reading.ColumnChunkReader(descriptor, _metadata.RowGroups[g].Columns[descriptor.Index], buffer, length, _metadata.RowGroups[g].RowCount, g);
                while (reader.TryReadPage(out var page))
                {
                    for (var i = 0; i < page.Count; i++)
                    {
                        yield return page[i];
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Every row, values in schema order: string, int, long, double, bool, DateTime (UTC) for
    /// timestamps, null for nulls. Each row is a new array. Meant for verification, not bulk reads.
    /// </summary>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var g = 0; g < _metadata.RowGroups.Count; g++)
        {
            var rowGroup = _metadata.RowGroups[g];
            var buffers = new byte[_columns.Count][];
            var readers = new Reading.ColumnChunkReader[_columns.Count];
            try
            {
                for (var c = 0; c < _columns.Count; c++)
                {
                    var (buffer, length) = await ReadChunkAsync(g, _columns[c], cancellationToken).ConfigureAwait(false);
                    buffers[c] = buffer;
                    readers[c] = new Reading.ColumnChunkReader(_columns[c], rowGroup.Columns[c], buffer, length, rowGroup.RowCount, g);
                }

                var pages = new ArraySegment<object?>[_columns.Count];
                var positions = new int[_columns.Count];
                for (long r = 0; r < rowGroup.RowCount; r++)
                {
                    var row = new object?[_columns.Count];
                    for (var c = 0; c < _columns.Count; c++)
                    {
                        while (positions[c] >= pages[c].Count)
                        {
                            if (!readers[c].TryReadPage(out pages[c]))
                            {
                                // TryReadPage throws when a chunk holds fewer rows than its row group.
                                throw new InvalidOperationException("Column chunk ended before its row count.");
                            }

                            positions[c] = 0;
                        }

                        row[c] = pages[c][positions[c]++];
                    }

                    yield return row;
                    if ((r & 0xFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }

                // Let every chunk confirm it holds no rows beyond the row group's.
                for (var c = 0; c < _columns.Count; c++)
                {
                    if (positions[c] < pages[c].Count || readers[c].TryReadPage(out _))
                    {
                        throw new ParquetException(
                            $"The Parquet file is corrupt: column '{_columns[c].Name}' of row group {g} holds more than the row group's {rowGroup.RowCount} rows. Rewrite the file.",
                            _columns[c].Name);
                    }
                }
            }
            finally
            {
                foreach (var reader in readers)
                {
                    reader?.Dispose();
                }

                foreach (var buffer in buffers)
                {
                    if (buffer is not null)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _io.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private static async Task<ParquetFileReader> OpenCoreAsync(Stream stream, bool ownsStream, CancellationToken cancellationToken)
    {
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ParquetException(
                $"The stream given to ParquetFileReader.OpenAsync is not {(stream.CanRead ? "seekable" : "readable")}; pass a readable, seekable stream (a FileStream, or copy the data into a MemoryStream).");
        }

        var fileLength = stream.Length;
        if (fileLength < MagicLength + TailLength)
        {
            throw new ParquetException(
                $"The data is {fileLength} bytes long, too short to be a Parquet file (at least {MagicLength + TailLength}); it is empty or truncated.");
        }

        var head = new byte[MagicLength];
        await ReadAtAsync(stream, 0, head, cancellationToken).ConfigureAwait(false);
        if (!head.AsSpan().SequenceEqual(Magic))
        {
            throw new ParquetException("The data does not start with the Parquet magic bytes 'PAR1'; it is not a Parquet file.");
        }

        var tail = new byte[TailLength];
        await ReadAtAsync(stream, fileLength - TailLength, tail, cancellationToken).ConfigureAwait(false);
        if (tail.AsSpan(4).SequenceEqual(EncryptedMagic))
        {
            throw new ParquetException("The Parquet file has an encrypted footer ('PARE'); this reader does not support encryption.");
        }

        if (!tail.AsSpan(4).SequenceEqual(Magic))
        {
            throw new ParquetException("The data does not end with the Parquet magic bytes 'PAR1'; the file is truncated or was never completed.");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > fileLength - MagicLength - TailLength)
        {
            throw new ParquetException(
                $"The Parquet footer length {footerLength} does not fit a file of {fileLength} bytes; the file is corrupt or truncated.");
        }

        var footer = new byte[footerLength];
        await ReadAtAsync(stream, fileLength - TailLength - footerLength, footer, cancellationToken).ConfigureAwait(false);
        var metadata = Reading.FooterDecoder.Decode(footer);
        var columns = Reading.SchemaMapper.Map(metadata.Schema);
        Validate(metadata, columns, fileLength - TailLength - footerLength);
        return new ParquetFileReader(stream, ownsStream, metadata, columns);
    }

    /// <summary>Checks the footer's row groups agree with its schema, its row count and the file's size.</summary>
    private static void Validate(Reading.FileMetadata metadata, IReadOnlyList<Reading.ColumnDescriptor> columns, long dataEnd)
    {
        long rows = 0;
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var rowGroup = metadata.RowGroups[g];
            if (rowGroup.RowCount < 0)
            {
                throw new ParquetException($"The Parquet file is corrupt: row group {g} has a negative row count ({rowGroup.RowCount}).");
            }

            rows += rowGroup.RowCount;
            if (rowGroup.Columns.Count != columns.Count)
            {
                throw new ParquetException(
                    $"The Parquet file is corrupt: row group {g} has {rowGroup.Columns.Count} column chunks but the schema has {columns.Count} columns.");
            }

            for (var c = 0; c < columns.Count; c++)
            {
                var chunk = rowGroup.Columns[c];
                var name = columns[c].Name;
                if (chunk.Encrypted)
                {
                    throw new ParquetException($"Column '{name}' (row group {g}) is encrypted; this reader does not support encryption.", name);
                }

                if (chunk.FilePath is not null)
                {
                    throw new ParquetException(
                        $"Column '{name}' (row group {g}) is stored in another file ('{chunk.FilePath}'); this reader reads single-file Parquet only.", name);
                }

                if (chunk.Path.Count != 1 || chunk.Path[0] != name || chunk.PhysicalType != columns[c].PhysicalType)
                {
                    throw new ParquetException(
                        $"The Parquet file is corrupt: column chunk {c} of row group {g} is '{string.Join('.', chunk.Path)}' {Reading.ParquetFormat.TypeName(chunk.PhysicalType)}, but the schema has '{name}' {Reading.ParquetFormat.TypeName(columns[c].PhysicalType)} there.",
                        name);
                }

                var start = ChunkStart(chunk);
                if (start < MagicLength || chunk.TotalCompressedSize < 0 || start > dataEnd - chunk.TotalCompressedSize || chunk.TotalCompressedSize > Array.MaxLength)
                {
                    throw new ParquetException(
                        $"The Parquet file is corrupt: column '{name}' of row group {g} claims bytes {start} to {start + chunk.TotalCompressedSize}, outside the data part of the file (4 to {dataEnd}). The file may be truncated.",
                        name);
                }
            }
        }

        if (rows != metadata.RowCount)
        {
            throw new ParquetException(
                $"The Parquet file is corrupt: its footer gives {metadata.RowCount} rows but its row groups hold {rows}.");
        }
    }

    /// <summary>Where a chunk's first page is: its dictionary page when it has one.</summary>
    private static long ChunkStart(Reading.ColumnChunkMetadata chunk) =>
        chunk.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < chunk.DataPageOffset
            ? dictionary
            : chunk.DataPageOffset;

    private static async ValueTask ReadAtAsync(Stream stream, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read != buffer.Length)
        {
            throw new ParquetException($"The Parquet file ended at byte {offset + read} while {buffer.Length} bytes were read from byte {offset}; it is truncated.");
        }
    }

    /// <summary>Reads one column chunk into a pooled buffer (the caller returns it).</summary>
    private async Task<(byte[] Buffer, int Length)> ReadChunkAsync(int rowGroup, Reading.ColumnDescriptor column, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var chunk = _metadata.RowGroups[rowGroup].Columns[column.Index];
        var length = (int)chunk.TotalCompressedSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ReadAtAsync(_stream, ChunkStart(chunk), buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _io.Release();
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }

    private Reading.ColumnDescriptor Resolve(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var index = Schema.IndexOf(column);
        if (index < 0)
        {
            throw new ParquetException($"The Parquet file has no column '{column}'; its columns are: {Schema}.", column);
        }

        return _columns[index];
    }
}
