using LogIngest.Parquet.IO;
using LogIngest.Parquet.Thrift;

namespace LogIngest.Parquet.Pages;

/// <summary>PLAIN booleans: one bit per non-null value, least significant bit first.</summary>
internal sealed class BooleanColumnWriter : ColumnChunkWriter
{
    private readonly ByteBuffer _values = new();
    private readonly int _rowsPerPage;
    private int _bitCount;
    private bool _hasFalse;
    private bool _hasTrue;

    public BooleanColumnWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
        : base(column, options, pool)
    {
        _rowsPerPage = options.PageSizeBytes * 8;
    }

    protected override long OpenPageBytes => _values.Length;

    protected override int PhysicalType => FormatConstants.TypeBoolean;

    public override void Write(ParquetColumnBuffer buffer, int start, int count)
    {
        var values = ((ParquetValueBuffer<bool>)buffer).Values;
        var nullMask = buffer.Nulls;
        while (count > 0)
        {
            var take = Math.Min(count, _rowsPerPage - PageRows);
            var nulls = AddLevels(buffer, start, take);
            _values.Ensure((take / 8) + 2);
            var bytes = _values.Array;
            for (var i = start; i < start + take; i++)
            {
                if (nulls > 0 && nullMask![i])
                {
                    continue;
                }

                var bit = _bitCount & 7;
                if (bit == 0)
                {
                    bytes[_values.Length] = 0;
                    _values.Advance(1);
                }

                if (values[i])
                {
                    bytes[_values.Length - 1] |= (byte)(1 << bit);
                    _hasTrue = true;
                }
                else
                {
                    _hasFalse = true;
                }

                _bitCount++;
            }

            start += take;
            count -= take;
            if (PageRows >= _rowsPerPage)
            {
                ClosePage();
            }
        }
    }

    public override void Dispose()
    {
        _values.Dispose();
        base.Dispose();
    }

    protected override int WritePageValues(ByteBuffer body)
    {
        body.Write(_values.WrittenSpan);
        _values.Clear();
        _bitCount = 0;
        return FormatConstants.EncodingPlain;
    }

    protected override void WriteStatistics(CompactProtocolWriter writer)
    {
        if (_hasFalse || _hasTrue)
        {
            writer.Binary(5, [_hasTrue ? (byte)1 : (byte)0]);
            writer.Binary(6, [_hasFalse ? (byte)0 : (byte)1]);
        }
    }

    protected override void ResetChunkState()
    {
        _hasFalse = false;
        _hasTrue = false;
    }
}
