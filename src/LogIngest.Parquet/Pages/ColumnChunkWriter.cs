using System.IO.Compression;
using System.Runtime.InteropServices;
using LogIngest.Parquet.IO;
using LogIngest.Parquet.Thrift;

namespace LogIngest.Parquet.Pages;

/// <summary>
/// Encodes one column of the open row group into data pages (data page v1: RLE definition levels,
/// then values), compressed and buffered until the row group is flushed. Subclasses encode values
/// and keep statistics for their physical type.
/// </summary>
internal abstract class ColumnChunkWriter : IDisposable
{
    private readonly ParquetCompression _codec;
    private readonly CompressionLevel _gzipLevel;
    private readonly SegmentedBuffer _dataPages;
    private readonly ByteBuffer _body = new();
    private readonly ByteBuffer _compressed = new();
    private readonly ByteBuffer _header = new(256);
    private bool[] _pageNulls = new bool[1024];
    private ByteBuffer? _dictionaryPage;
    private bool _usedPlain;
    private bool _usedDictionary;
    private long _uncompressedBytes;
    private long _compressedBytes;

    protected ColumnChunkWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
    {
        Column = column;
        Options = options;
        _codec = options.Compression;
        _gzipLevel = options.GzipLevel;
        _dataPages = new SegmentedBuffer(pool);
    }

    public ParquetColumn Column { get; }

    /// <summary>Rows (values and nulls) in the open column chunk.</summary>
    public long ChunkRows { get; private set; }

    public long ChunkNulls { get; private set; }

    /// <summary>Bytes this chunk will take in the file so far (closed pages plus the open page's estimate).</summary>
    public long BufferedBytes => _dataPages.Length + OpenPageBytes;

    /// <summary>Bytes of the finished chunk (valid after <see cref="FinishChunk"/>).</summary>
    public long ChunkLength => (_usedDictionary && _dictionaryPage is not null ? _dictionaryPage.Length : 0) + _dataPages.Length;

    protected ParquetWriterOptions Options { get; }

    /// <summary>Rows in the open page.</summary>
    protected int PageRows { get; private set; }

    protected int PageNulls { get; private set; }

    protected abstract long OpenPageBytes { get; }

    protected abstract int PhysicalType { get; }

    /// <summary>Encodes rows [start, start+count) of the buffer.</summary>
    public abstract void Write(ParquetColumnBuffer buffer, int start, int count);

    /// <summary>Closes the open page and builds the dictionary page, if any.</summary>
    public void FinishChunk()
    {
        if (PageRows > 0)
        {
            ClosePage();
        }

        if (_usedDictionary && TryGetDictionaryPage(out var dictionaryBody, out var dictionaryCount))
        {
            _dictionaryPage ??= new ByteBuffer();
            _dictionaryPage.Clear();
            _compressed.Clear();
            PageCompressor.Compress(_codec, _gzipLevel, dictionaryBody.Span, _compressed);
            var writer = new CompactProtocolWriter(_dictionaryPage);
            writer.StructBegin();
            writer.I32(1, FormatConstants.PageDictionary);
            writer.I32(2, dictionaryBody.Length);
            writer.I32(3, _compressed.Length);
            writer.StructField(7);
            writer.I32(1, dictionaryCount);
            writer.I32(2, FormatConstants.EncodingPlain);
            writer.StructEnd();
            writer.StructEnd();
            var headerLength = _dictionaryPage.Length;
            _dictionaryPage.Write(_compressed.WrittenSpan);
            _uncompressedBytes += headerLength + dictionaryBody.Length;
            _compressedBytes += headerLength + _compressed.Length;
        }
    }

    /// <summary>Writes the finished chunk's pages: dictionary page first, then data pages.</summary>
    public async ValueTask CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_usedDictionary && _dictionaryPage is not null)
        {
            await stream.WriteAsync(_dictionaryPage.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        await _dataPages.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the ColumnChunk struct (as a list element) for a chunk that starts at <paramref name="chunkOffset"/>.</summary>
    public void WriteColumnChunk(CompactProtocolWriter writer, long chunkOffset)
    {
        var dictionaryLength = _usedDictionary ? _dictionaryPage!.Length : 0;
        writer.StructBegin();
        writer.I64(2, chunkOffset);
        writer.StructField(3);
        writer.I32(1, PhysicalType);
        var encodings = new List<int>(3);
        if (_usedPlain || _usedDictionary)
        {
            encodings.Add(FormatConstants.EncodingPlain);
        }

        if (Column.IsNullable)
        {
            encodings.Add(FormatConstants.EncodingRle);
        }

        if (_usedDictionary)
        {
            encodings.Add(FormatConstants.EncodingRleDictionary);
        }

        writer.ListBegin(2, CompactProtocolWriter.ListOfI32, encodings.Count);
        foreach (var encoding in encodings)
        {
            writer.I32Value(encoding);
        }

        writer.ListBegin(3, CompactProtocolWriter.ListOfBinary, 1);
        writer.StringValue(Column.Name);
        writer.I32(4, PageCompressor.CodecId(_codec));
        writer.I64(5, ChunkRows);
        writer.I64(6, _uncompressedBytes);
        writer.I64(7, _compressedBytes);
        writer.I64(9, chunkOffset + dictionaryLength);
        if (_usedDictionary)
        {
            writer.I64(11, chunkOffset);
        }

        writer.StructField(12);
        writer.I64(3, ChunkNulls);
        WriteStatistics(writer);
        writer.StructEnd();
        writer.StructEnd();
        writer.StructEnd();
    }

    public long TotalUncompressedBytes => _uncompressedBytes;

    public long TotalCompressedBytes => _compressedBytes;

    /// <summary>Forgets the flushed chunk and returns its buffers to the pool.</summary>
    public void ResetChunk()
    {
        _dataPages.Reset();
        _dictionaryPage?.Clear();
        _usedPlain = false;
        _usedDictionary = false;
        _uncompressedBytes = 0;
        _compressedBytes = 0;
        ChunkRows = 0;
        ChunkNulls = 0;
        ResetChunkState();
    }

    public virtual void Dispose()
    {
        _body.Dispose();
        _compressed.Dispose();
        _header.Dispose();
        _dictionaryPage?.Dispose();
        _dataPages.Reset();
    }

    /// <summary>Records the definition levels of rows about to be added; returns their null count.</summary>
    protected int AddLevels(ParquetColumnBuffer buffer, int start, int count)
    {
        if (!Column.IsNullable)
        {
            PageRows += count;
            return 0;
        }

        if (PageRows + count > _pageNulls.Length)
        {
            Array.Resize(ref _pageNulls, Math.Max(PageRows + count, _pageNulls.Length * 2));
        }

        var target = _pageNulls.AsSpan(PageRows, count);
        int nulls;
        if (buffer.Nulls is { } source)
        {
            var slice = source.AsSpan(start, count);
            slice.CopyTo(target);
            nulls = MemoryMarshal.Cast<bool, byte>(slice).Count((byte)1);
        }
        else
        {
            target.Clear();
            nulls = 0;
        }

        PageRows += count;
        PageNulls += nulls;
        return nulls;
    }

    /// <summary>Encodes, compresses and buffers the open page.</summary>
    protected void ClosePage()
    {
        _body.Clear();
        if (Column.IsNullable)
        {
            // Data page v1: levels are prefixed by their byte length (4 bytes, little endian).
            var lengthAt = _body.Length;
            _body.WriteInt32LittleEndian(0);
            RleBitPackedEncoder.EncodeDefinitionLevels(_pageNulls.AsSpan(0, PageRows), _body);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_body.Array.AsSpan(lengthAt), _body.Length - lengthAt - 4);
        }

        var encoding = WritePageValues(_body);
        if (encoding == FormatConstants.EncodingRleDictionary)
        {
            _usedDictionary = true;
        }
        else
        {
            _usedPlain = true;
        }

        _compressed.Clear();
        PageCompressor.Compress(_codec, _gzipLevel, _body.WrittenSpan, _compressed);

        _header.Clear();
        var writer = new CompactProtocolWriter(_header);
        writer.StructBegin();
        writer.I32(1, FormatConstants.PageData);
        writer.I32(2, _body.Length);
        writer.I32(3, _compressed.Length);
        writer.StructField(5);
        writer.I32(1, PageRows);
        writer.I32(2, encoding);
        writer.I32(3, FormatConstants.EncodingRle);
        writer.I32(4, FormatConstants.EncodingRle);
        writer.StructEnd();
        writer.StructEnd();

        _dataPages.Write(_header.WrittenSpan);
        _dataPages.Write(_compressed.WrittenSpan);
        _uncompressedBytes += _header.Length + _body.Length;
        _compressedBytes += _header.Length + _compressed.Length;
        ChunkRows += PageRows;
        ChunkNulls += PageNulls;
        PageRows = 0;
        PageNulls = 0;
    }

    /// <summary>Appends the open page's encoded values to the body, resets them, and returns the encoding.</summary>
    protected abstract int WritePageValues(ByteBuffer body);

    /// <summary>The dictionary page body (PLAIN values) and entry count, when the chunk has one.</summary>
    protected virtual bool TryGetDictionaryPage(out ReadOnlyMemory<byte> body, out int count)
    {
        body = default;
        count = 0;
        return false;
    }

    /// <summary>Writes min_value / max_value (and nan_count) into the open Statistics struct.</summary>
    protected abstract void WriteStatistics(CompactProtocolWriter writer);

    protected abstract void ResetChunkState();
}
