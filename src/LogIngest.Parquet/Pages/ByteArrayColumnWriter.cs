using LogIngest.Parquet.IO;
using LogIngest.Parquet.Thrift;

namespace LogIngest.Parquet.Pages;

/// <summary>
/// String and JSON columns (BYTE_ARRAY). Pages start RLE_DICTIONARY encoded; once the chunk's
/// dictionary passes <see cref="ParquetWriterOptions.DictionaryPageSizeLimit"/>, the open page is
/// closed and the rest of the chunk is PLAIN (earlier pages keep their dictionary).
/// </summary>
internal sealed class ByteArrayColumnWriter : ColumnChunkWriter
{
    private readonly ByteArrayDictionary _dictionary = new();
    private readonly ByteBuffer _plainValues = new();
    private readonly int _indicesPerPage;
    private int[] _indices = new int[1024];
    private int _indexCount;
    private bool _dictionaryMode;
    private byte[] _min = new byte[64];
    private byte[] _max = new byte[64];
    private int _minLength = -1;
    private int _maxLength = -1;

    public ByteArrayColumnWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
        : base(column, options, pool)
    {
        _indicesPerPage = Math.Max(1, options.PageSizeBytes / 4);
        _dictionaryMode = options.DictionaryEnabled && !column.IsUnique;
    }

    protected override long OpenPageBytes => _dictionaryMode ? (_indexCount * 2L) + _dictionary.PlainSize : _plainValues.Length;

    protected override int PhysicalType => FormatConstants.TypeByteArray;

    public override void Write(ParquetColumnBuffer buffer, int start, int count)
    {
        var strings = (ParquetStringBuffer)buffer;
        var bytes = strings.RawBytes;
        var offsets = strings.RawOffsets;
        var nullMask = buffer.Nulls;
        var end = start + count;
        var row = start;
        while (row < end)
        {
            // Levels go in per stretch of rows that can share the open page.
            var take = _dictionaryMode ? Math.Min(end - row, _indicesPerPage - PageRows) : Math.Min(end - row, 4096);
            var nulls = AddLevels(buffer, row, take);
            var stop = row + take;
            for (var i = row; i < stop; i++)
            {
                if (nulls > 0 && nullMask![i])
                {
                    continue;
                }

                var value = bytes.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
                if (_dictionaryMode)
                {
                    var index = _dictionary.GetOrAdd(value, out var added);
                    if (added)
                    {
                        UpdateStatistics(value);
                    }

                    if (_indexCount == _indices.Length)
                    {
                        Array.Resize(ref _indices, _indexCount * 2);
                    }

                    _indices[_indexCount++] = index;
                }
                else
                {
                    _plainValues.WriteInt32LittleEndian(value.Length);
                    _plainValues.Write(value);
                    UpdateStatistics(value);
                }
            }

            row = stop;
            if (_dictionaryMode && _dictionary.PlainSize > Options.DictionaryPageSizeLimit)
            {
                // Fall back: the dictionary is full; this page keeps it, later pages are PLAIN.
                ClosePage();
                _dictionaryMode = false;
            }
            else if (_dictionaryMode ? PageRows >= _indicesPerPage : _plainValues.Length >= Options.PageSizeBytes)
            {
                ClosePage();
            }
        }
    }

    public override void Dispose()
    {
        _dictionary.Dispose();
        _plainValues.Dispose();
        base.Dispose();
    }

    protected override int WritePageValues(ByteBuffer body)
    {
        if (_dictionaryMode && _indexCount > 0)
        {
            var bitWidth = RleBitPackedEncoder.BitWidth(_dictionary.Count - 1);
            body.WriteByte((byte)bitWidth);
            RleBitPackedEncoder.Encode(_indices.AsSpan(0, _indexCount), bitWidth, body);
            _indexCount = 0;
            return FormatConstants.EncodingRleDictionary;
        }

        // A page of nulls only, or a PLAIN page after fallback (or with dictionaries off).
        body.Write(_plainValues.WrittenSpan);
        _plainValues.Clear();
        _indexCount = 0;
        return FormatConstants.EncodingPlain;
    }

    protected override bool TryGetDictionaryPage(out ReadOnlyMemory<byte> body, out int count)
    {
        body = _dictionary.PlainMemory;
        count = _dictionary.Count;
        return count > 0;
    }

    protected override void WriteStatistics(CompactProtocolWriter writer)
    {
        // Values longer than the limit would bloat the footer; leave min/max out (null_count stays).
        if (_minLength >= 0 && _minLength <= Options.MaxStatisticsValueBytes && _maxLength <= Options.MaxStatisticsValueBytes)
        {
            writer.Binary(5, _max.AsSpan(0, _maxLength));
            writer.Binary(6, _min.AsSpan(0, _minLength));
        }
    }

    protected override void ResetChunkState()
    {
        _dictionary.Clear();
        _dictionaryMode = Options.DictionaryEnabled && !Column.IsUnique;
        _minLength = -1;
        _maxLength = -1;
    }

    private void UpdateStatistics(ReadOnlySpan<byte> value)
    {
        // Strings order as unsigned bytes (UTF-8 byte order is code point order).
        if (_minLength < 0)
        {
            Copy(value, ref _min, ref _minLength);
            Copy(value, ref _max, ref _maxLength);
            return;
        }

        if (value.SequenceCompareTo(_min.AsSpan(0, _minLength)) < 0)
        {
            Copy(value, ref _min, ref _minLength);
        }
        else if (value.SequenceCompareTo(_max.AsSpan(0, _maxLength)) > 0)
        {
            Copy(value, ref _max, ref _maxLength);
        }
    }

    private static void Copy(ReadOnlySpan<byte> value, ref byte[] target, ref int length)
    {
        if (value.Length > target.Length)
        {
            target = new byte[Math.Max(value.Length, target.Length * 2)];
        }

        value.CopyTo(target);
        length = value.Length;
    }
}
