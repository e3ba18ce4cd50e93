using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace LogIngest.Parquet.Reading;

/// <summary>
/// Decodes the pages of one column chunk, held in memory, one page at a time: data pages v1 and v2,
/// an optional dictionary page, PLAIN and dictionary values, RLE definition levels (max level 1),
/// UNCOMPRESSED / SNAPPY / GZIP pages. Each page comes back as one slot per row (null for nulls).
/// </summary>
internal sealed class ColumnChunkReader : IDisposable
{
    private readonly ColumnDescriptor _column;
    private readonly ColumnChunkMetadata _metadata;
    private readonly byte[] _chunk;
    private readonly int _end;
    private readonly long _expectedRows;
    private readonly int _rowGroup;
    private readonly PlainDecoder _plain;
    private readonly string _where;
    private object?[] _values = new object?[1024];
    private int[] _levels = new int[1024];
    private int[] _indices = new int[1024];
    private byte[]? _pageBuffer;
    private object?[]? _dictionary;
    private int _position;
    private long _rowsRead;

    /// <param name="column">The column.</param>
    /// <param name="metadata">The chunk's footer entry.</param>
    /// <param name="chunk">The chunk's bytes, from its first page.</param>
    /// <param name="length">Bytes of the chunk in <paramref name="chunk"/>.</param>
    /// <param name="expectedRows">Rows of the row group: the chunk must hold exactly these.</param>
    /// <param name="rowGroup">Index of the row group, for messages.</param>
    public ColumnChunkReader(ColumnDescriptor column, ColumnChunkMetadata metadata, byte[] chunk, int length, long expectedRows, int rowGroup)
    {
        _column = column;
        _metadata = metadata;
        _chunk = chunk;
        _end = length;
        _expectedRows = expectedRows;
        _rowGroup = rowGroup;
        _where = $"column '{column.Name}' of row group {rowGroup}";
        _plain = new PlainDecoder(column, Corrupt);
        if (metadata.Codec is not (ParquetFormat.CodecUncompressed or ParquetFormat.CodecSnappy or ParquetFormat.CodecGzip))
        {
            throw new ParquetException(
                $"Column '{column.Name}' (row group {rowGroup}) is compressed with {ParquetFormat.CodecName(metadata.Codec)}, which this reader does not support; it reads UNCOMPRESSED, SNAPPY and GZIP. Rewrite the file with one of those codecs.",
                column.Name);
        }
    }

    /// <summary>Decodes the next data page; false when the chunk is done (having checked its row count).</summary>
    public bool TryReadPage(out ArraySegment<object?> values)
    {
        while (_position < _end)
        {
            var header = PageHeader.Decode(_chunk, ref _position, _end, "a page header of " + _where);
            if (header.CompressedSize > _end - _position)
            {
                throw Corrupt($"a page of {header.CompressedSize} bytes runs past the end of the chunk");
            }

            var body = new ReadOnlySpan<byte>(_chunk, _position, header.CompressedSize);
            _position += header.CompressedSize;
            CheckSizes(header);
            switch (header.Type)
            {
                case ParquetFormat.PageDictionary:
                    ReadDictionary(header, body);
                    continue;
                case ParquetFormat.PageData:
                    values = ReadDataPageV1(header, body);
                    break;
                case ParquetFormat.PageDataV2:
                    values = ReadDataPageV2(header, body);
                    break;
                default:
                    // Index pages and unknown page types carry no values.
                    continue;
            }

            _rowsRead += values.Count;
            if (_rowsRead > _expectedRows)
            {
                throw Corrupt($"its pages hold more than the row group's {_expectedRows} rows");
            }

            return true;
        }

        if (_rowsRead != _expectedRows)
        {
            throw Corrupt($"its pages hold {_rowsRead} rows but the row group has {_expectedRows}");
        }

        values = default;
        return false;
    }

    public void Dispose()
    {
        if (_pageBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_pageBuffer);
            _pageBuffer = null;
        }
    }

    /// <summary>Refuses sizes no honest page has, before they become allocations.</summary>
    private void CheckSizes(PageHeader header)
    {
        // Snappy expands at most ~21x (a 3-byte copy of 64 bytes), gzip ~1032x.
        long limit = _metadata.Codec switch
        {
            ParquetFormat.CodecSnappy => (32L * header.CompressedSize) + 64,
            ParquetFormat.CodecGzip => (1100L * header.CompressedSize) + 1024,
            _ => long.MaxValue,
        };
        if (header.Type is ParquetFormat.PageData or ParquetFormat.PageDataV2 or ParquetFormat.PageDictionary && header.UncompressedSize > limit)
        {
            throw Corrupt($"a page claims {header.UncompressedSize} bytes uncompressed from {header.CompressedSize} compressed");
        }

        // Flat columns have one value (or null) per row, so a data page cannot exceed the rows left.
        if (header.Type is ParquetFormat.PageData or ParquetFormat.PageDataV2 && header.ValueCount > _expectedRows - _rowsRead)
        {
            throw Corrupt($"a page holds {header.ValueCount} values but only {_expectedRows - _rowsRead} of the row group's rows remain");
        }
    }

    private void ReadDictionary(PageHeader header, ReadOnlySpan<byte> body)
    {
        if (header.Encoding is not (ParquetFormat.EncodingPlain or ParquetFormat.EncodingPlainDictionary))
        {
            throw Unsupported($"a dictionary page encoded {ParquetFormat.EncodingName(header.Encoding)}");
        }

        var data = Decompress(body, header.UncompressedSize);
        _dictionary = _plain.DecodeAll(data, header.ValueCount);
    }

    private ArraySegment<object?> ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body)
    {
        var data = Decompress(body, header.UncompressedSize);
        var count = header.ValueCount;
        var levels = ReadOnlySpan<int>.Empty;
        if (_column.Column.IsNullable)
        {
            if (header.DefinitionLevelEncoding != ParquetFormat.EncodingRle)
            {
                throw Unsupported($"definition levels encoded {ParquetFormat.EncodingName(header.DefinitionLevelEncoding)}");
            }

            // Data page v1 prefixes RLE levels with their byte length.
            if (data.Length < 4)
            {
                throw Corrupt("a data page ends before its definition levels");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (length < 0 || length > data.Length - 4)
            {
                throw Corrupt($"its definition levels claim {length} bytes");
            }

            levels = DecodeLevels(data.Slice(4, length), count);
            data = data[(4 + length)..];
        }

        return DecodeValues(header.Encoding, data, levels, count);
    }

    private ArraySegment<object?> ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body)
    {
        var levelBytes = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
        if (levelBytes > body.Length)
        {
            throw Corrupt("a data page v2 is shorter than its levels");
        }

        if (header.RepetitionLevelsLength > 0)
        {
            throw Corrupt("a data page of a flat column has repetition levels");
        }

        var count = header.ValueCount;
        var levels = ReadOnlySpan<int>.Empty;
        if (_column.Column.IsNullable)
        {
            // Levels in v2 are never compressed and carry no length prefix.
            levels = DecodeLevels(body.Slice(header.RepetitionLevelsLength, header.DefinitionLevelsLength), count);
        }

        var values = body[levelBytes..];
        var data = header.IsCompressed ? Decompress(values, header.UncompressedSize - levelBytes) : values;
        return DecodeValues(header.Encoding, data, levels, count);
    }

    private ReadOnlySpan<int> DecodeLevels(ReadOnlySpan<byte> data, int count)
    {
        EnsureCapacity(ref _levels, count);
        var levels = _levels.AsSpan(0, count);
        RleBitPackedDecoder.Decode(data, 1, levels, Corrupt);
        return levels;
    }

    private ArraySegment<object?> DecodeValues(int encoding, ReadOnlySpan<byte> data, ReadOnlySpan<int> levels, int count)
    {
        EnsureCapacity(ref _values, count);
        var output = _values.AsSpan(0, count);
        var present = levels.IsEmpty ? count : count - levels.Count(0);
        switch (encoding)
        {
            case ParquetFormat.EncodingPlain:
                _plain.Decode(data, levels, output);
                break;
            case ParquetFormat.EncodingRleDictionary or ParquetFormat.EncodingPlainDictionary:
                DecodeDictionaryIndices(data, levels, output, present);
                break;
            case ParquetFormat.EncodingRle when _column.PhysicalType == ParquetFormat.Boolean:
                DecodeRleBooleans(data, levels, output, present);
                break;
            case ParquetFormat.EncodingDeltaBinaryPacked when _column.PhysicalType is ParquetFormat.Int32 or ParquetFormat.Int64:
                {
                    var integers = new long[present];
                    DeltaDecoder.DecodeIntegers(data, integers, Corrupt);
                    var int32 = _column.PhysicalType == ParquetFormat.Int32;
                    Scatter(levels, output, i => int32 ? unchecked((int)integers[i]) : _plain.Int64Value(integers[i]));
                    break;
                }

            case ParquetFormat.EncodingDeltaLengthByteArray or ParquetFormat.EncodingDeltaByteArray when _column.PhysicalType == ParquetFormat.ByteArray:
                {
                    var arrays = new byte[present][];
                    if (encoding == ParquetFormat.EncodingDeltaByteArray)
                    {
                        DeltaDecoder.DecodeIncrementalByteArrays(data, arrays, Corrupt);
                    }
                    else
                    {
                        DeltaDecoder.DecodeLengthByteArrays(data, arrays, Corrupt);
                    }

                    Scatter(levels, output, i => System.Text.Encoding.UTF8.GetString(arrays[i]));
                    break;
                }

            case ParquetFormat.EncodingByteStreamSplit when _column.PhysicalType is ParquetFormat.Int32 or ParquetFormat.Int64 or ParquetFormat.Double:
                {
                    var width = _column.PhysicalType == ParquetFormat.Int32 ? 4 : 8;
                    var bytes = new byte[present * width];
                    DeltaDecoder.DecodeByteStreamSplit(data, width, bytes, present, Corrupt);
                    var plain = new object?[present];
                    _plain.Decode(bytes, [], plain);
                    Scatter(levels, output, i => plain[i]);
                    break;
                }
            default:
                throw Unsupported($"data pages encoded {ParquetFormat.EncodingName(encoding)}");
        }

        return new ArraySegment<object?>(_values, 0, count);
    }

    /// <summary>Places the i-th present value into each slot whose definition level is 1.</summary>
    private static void Scatter(ReadOnlySpan<int> levels, Span<object?> output, Func<int, object?> valueAt)
    {
        var next = 0;
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = !levels.IsEmpty && levels[i] == 0 ? null : valueAt(next++);
        }
    }

    private void DecodeDictionaryIndices(ReadOnlySpan<byte> data, ReadOnlySpan<int> levels, Span<object?> output, int present)
    {
        var dictionary = _dictionary ?? throw Corrupt("a dictionary-encoded page comes without a dictionary page");
        EnsureCapacity(ref _indices, present);
        var indices = _indices.AsSpan(0, present);
        if (present > 0)
        {
            if (data.IsEmpty)
            {
                throw Corrupt("a dictionary-encoded page has no bit width");
            }

            RleBitPackedDecoder.Decode(data[1..], data[0], indices, Corrupt);
        }

        var next = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (!levels.IsEmpty && levels[i] == 0)
            {
                output[i] = null;
                continue;
            }

            var index = indices[next++];
            if ((uint)index >= (uint)dictionary.Length)
            {
                throw Corrupt($"dictionary index {index} is outside its dictionary of {dictionary.Length} entries");
            }

            output[i] = dictionary[index];
        }
    }

    private void DecodeRleBooleans(ReadOnlySpan<byte> data, ReadOnlySpan<int> levels, Span<object?> output, int present)
    {
        // RLE booleans are prefixed by their byte length, like v1 levels.
        if (data.Length < 4)
        {
            throw Corrupt("its RLE booleans end early");
        }

        var length = Math.Min(BinaryPrimitives.ReadInt32LittleEndian(data), data.Length - 4);
        EnsureCapacity(ref _indices, present);
        var bits = _indices.AsSpan(0, present);
        RleBitPackedDecoder.Decode(data.Slice(4, Math.Max(0, length)), 1, bits, Corrupt);
        var next = 0;
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = !levels.IsEmpty && levels[i] == 0 ? null : bits[next++] != 0;
        }
    }

    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> body, int uncompressedSize)
    {
        switch (_metadata.Codec)
        {
            case ParquetFormat.CodecUncompressed:
                return body;
            case ParquetFormat.CodecSnappy:
                {
                    byte[] decoded;
                    try
                    {
                        decoded = IronSnappy.Snappy.Decode(body);
                    }
                    catch (Exception e) when (e is not ParquetException and not OutOfMemoryException)
                    {
                        throw new ParquetException($"The Parquet file is corrupt: a SNAPPY page of {_where} could not be decompressed ({e.Message}).", _column.Name, e);
                    }

                    if (decoded.Length != uncompressedSize)
                    {
                        throw Corrupt($"a SNAPPY page decompressed to {decoded.Length} bytes, not the {uncompressedSize} its header gives");
                    }

                    return decoded;
                }

            default:
                {
                    if (uncompressedSize < 0)
                    {
                        throw Corrupt("a page has a negative uncompressed size");
                    }

                    EnsurePageBuffer(uncompressedSize);
                    int read;
                    try
                    {
                        unsafe
                        {
                            fixed (byte* pointer = body)
                            {
                                using var source = new UnmanagedMemoryStream(pointer, body.Length);
                                using var gzip = new GZipStream(source, CompressionMode.Decompress);
                                read = gzip.ReadAtLeast(_pageBuffer.AsSpan(0, uncompressedSize), uncompressedSize, throwOnEndOfStream: false);
                                if (read == uncompressedSize && gzip.ReadByte() >= 0)
                                {
                                    read++;
                                }
                            }
                        }
                    }
                    catch (InvalidDataException e)
                    {
                        throw new ParquetException($"The Parquet file is corrupt: a GZIP page of {_where} could not be decompressed ({e.Message}).", _column.Name, e);
                    }

                    if (read != uncompressedSize)
                    {
                        throw Corrupt($"a GZIP page decompressed to {(read > uncompressedSize ? "more than" : read.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes, not the {uncompressedSize} its header gives");
                    }

                    return _pageBuffer.AsSpan(0, uncompressedSize);
                }
        }
    }

    private void EnsurePageBuffer(int size)
    {
        if (_pageBuffer is null || _pageBuffer.Length < size)
        {
            if (_pageBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_pageBuffer);
            }

            _pageBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        }
    }

    private static void EnsureCapacity<T>(ref T[] array, int count)
    {
        if (array.Length < count)
        {
            array = new T[Math.Max(count, array.Length * 2)];
        }
    }

    private ParquetException Corrupt(string detail) =>
        new($"The Parquet file is corrupt: {_where} could not be read ({detail}). Rewrite the file.", _column.Name);

    private ParquetException Unsupported(string what) =>
        new($"Column '{_column.Name}' (row group {_rowGroup}) uses {what}, which this reader does not support; it reads PLAIN, dictionary (RLE_DICTIONARY / PLAIN_DICTIONARY), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT pages with RLE definition levels.", _column.Name);
}
