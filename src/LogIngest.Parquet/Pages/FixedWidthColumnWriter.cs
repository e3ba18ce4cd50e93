using System.Numerics;
using System.Runtime.InteropServices;
using LogIngest.Parquet.IO;
using LogIngest.Parquet.Thrift;

namespace LogIngest.Parquet.Pages;

/// <summary>
/// PLAIN encoding of fixed-width little-endian values (int32, int64, double): non-null values are
/// copied as bytes, run by run between nulls.
/// </summary>
internal abstract class FixedWidthColumnWriter<T> : ColumnChunkWriter
    where T : unmanaged
{
    private readonly ByteBuffer _values = new();
    private readonly int _rowsPerPage;

    protected FixedWidthColumnWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
        : base(column, options, pool)
    {
        _rowsPerPage = Math.Max(1, options.PageSizeBytes / Marshal.SizeOf<T>());
    }

    protected override long OpenPageBytes => _values.Length;

    public override void Write(ParquetColumnBuffer buffer, int start, int count)
    {
        var values = ((ParquetValueBuffer<T>)buffer).Values;
        var nullMask = buffer.Nulls;
        while (count > 0)
        {
            var take = Math.Min(count, _rowsPerPage - PageRows);
            var nulls = AddLevels(buffer, start, take);
            if (nulls == 0)
            {
                Append(values.Slice(start, take));
            }
            else if (nulls < take)
            {
                var flags = nullMask.AsSpan(start, take);
                var i = 0;
                while (i < take)
                {
                    var firstValue = flags[i..].IndexOf(false);
                    if (firstValue < 0)
                    {
                        break;
                    }

                    i += firstValue;
                    var runEnd = flags[i..].IndexOf(true);
                    var run = runEnd < 0 ? take - i : runEnd;
                    Append(values.Slice(start + i, run));
                    i += run;
                }
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
        return FormatConstants.EncodingPlain;
    }

    /// <summary>Folds non-null values into the chunk's statistics.</summary>
    protected abstract void UpdateStatistics(ReadOnlySpan<T> values);

    /// <summary>Appends the PLAIN bytes of non-null values.</summary>
    protected virtual void Encode(ReadOnlySpan<T> values, ByteBuffer output) =>
        // PLAIN is little endian; so is every platform .NET 10 runs on.
        output.Write(MemoryMarshal.AsBytes(values));

    private void Append(ReadOnlySpan<T> values)
    {
        Encode(values, _values);
        UpdateStatistics(values);
    }
}

/// <summary>
/// DECIMAL(38, scale) columns: FIXED_LEN_BYTE_ARRAY(16) holding the unscaled value as big-endian two's
/// complement (the layout Spark, Arrow and DuckDB write for precision 38). Statistics in signed order.
/// </summary>
internal sealed class DecimalColumnWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
    : FixedWidthColumnWriter<Int128>(column, options, pool)
{
    public const int ByteWidth = 16;

    private Int128 _min = Int128.MaxValue;
    private Int128 _max = Int128.MinValue;
    private bool _any;

    protected override int PhysicalType => FormatConstants.TypeFixedLenByteArray;

    protected override void Encode(ReadOnlySpan<Int128> values, ByteBuffer output)
    {
        Span<byte> bytes = stackalloc byte[ByteWidth];
        foreach (var value in values)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt128BigEndian(bytes, value);
            output.Write(bytes);
        }
    }

    protected override void UpdateStatistics(ReadOnlySpan<Int128> values)
    {
        foreach (var value in values)
        {
            _min = Int128.Min(_min, value);
            _max = Int128.Max(_max, value);
            _any = true;
        }
    }

    protected override void WriteStatistics(CompactProtocolWriter writer)
    {
        if (_any)
        {
            Span<byte> bytes = stackalloc byte[ByteWidth];
            System.Buffers.Binary.BinaryPrimitives.WriteInt128BigEndian(bytes, _max);
            writer.Binary(5, bytes);
            System.Buffers.Binary.BinaryPrimitives.WriteInt128BigEndian(bytes, _min);
            writer.Binary(6, bytes);
        }
    }

    protected override void ResetChunkState()
    {
        _min = Int128.MaxValue;
        _max = Int128.MinValue;
        _any = false;
    }
}

/// <summary>
/// UUID columns: FIXED_LEN_BYTE_ARRAY(16), each value's bytes in RFC 4122 (big-endian) order. Statistics
/// in the unsigned byte order the spec gives fixed-length byte arrays.
/// </summary>
internal sealed class UuidColumnWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
    : FixedWidthColumnWriter<Guid>(column, options, pool)
{
    private UInt128 _min = UInt128.MaxValue;
    private UInt128 _max = UInt128.MinValue;
    private bool _any;

    protected override int PhysicalType => FormatConstants.TypeFixedLenByteArray;

    protected override void Encode(ReadOnlySpan<Guid> values, ByteBuffer output)
    {
        Span<byte> bytes = stackalloc byte[DecimalColumnWriter.ByteWidth];
        foreach (var value in values)
        {
            value.TryWriteBytes(bytes, bigEndian: true, out _);
            output.Write(bytes);
        }
    }

    protected override void UpdateStatistics(ReadOnlySpan<Guid> values)
    {
        Span<byte> bytes = stackalloc byte[DecimalColumnWriter.ByteWidth];
        foreach (var value in values)
        {
            value.TryWriteBytes(bytes, bigEndian: true, out _);
            var ordered = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
            _min = UInt128.Min(_min, ordered);
            _max = UInt128.Max(_max, ordered);
            _any = true;
        }
    }

    protected override void WriteStatistics(CompactProtocolWriter writer)
    {
        if (_any)
        {
            Span<byte> bytes = stackalloc byte[DecimalColumnWriter.ByteWidth];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, _max);
            writer.Binary(5, bytes);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, _min);
            writer.Binary(6, bytes);
        }
    }

    protected override void ResetChunkState()
    {
        _min = UInt128.MaxValue;
        _max = UInt128.MinValue;
        _any = false;
    }
}

/// <summary>
/// INT32 and INT64 columns (timestamps are INT64 microseconds): min/max statistics in signed order,
/// written little-endian at the physical width.
/// </summary>
internal sealed class IntegerColumnWriter<T>(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool, int physicalType)
    : FixedWidthColumnWriter<T>(column, options, pool)
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    private T _min = T.MaxValue;
    private T _max = T.MinValue;
    private bool _any;

    protected override int PhysicalType => physicalType;

    protected override void UpdateStatistics(ReadOnlySpan<T> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        MinMax.Fold(values, ref _min, ref _max);
        _any = true;
    }

    protected override void WriteStatistics(CompactProtocolWriter writer)
    {
        if (_any)
        {
            Span<byte> bytes = stackalloc byte[_max.GetByteCount()];
            _max.WriteLittleEndian(bytes);
            writer.Binary(5, bytes);
            _min.WriteLittleEndian(bytes);
            writer.Binary(6, bytes);
        }
    }

    protected override void ResetChunkState()
    {
        _min = T.MaxValue;
        _max = T.MinValue;
        _any = false;
    }
}

/// <summary>DOUBLE columns. Statistics follow parquet.thrift's TYPE_ORDER rules for floating point.</summary>
internal sealed class DoubleColumnWriter(ParquetColumn column, ParquetWriterOptions options, SegmentPool pool)
    : FixedWidthColumnWriter<double>(column, options, pool)
{
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private bool _any;
    private long _nanCount;

    protected override int PhysicalType => FormatConstants.TypeDouble;

    protected override void UpdateStatistics(ReadOnlySpan<double> values)
    {
        // NaN takes no part in min/max; it is counted in nan_count instead.
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                _nanCount++;
                continue;
            }

            if (v < _min)
            {
                _min = v;
            }

            if (v > _max)
            {
                _max = v;
            }

            _any = true;
        }
    }

    protected override void WriteStatistics(CompactProtocolWriter writer)
    {
        if (_any)
        {
            // Zero bounds are written as max +0.0 and min -0.0, so both zeros fall inside them.
            var max = _max == 0 ? 0.0 : _max;
            var min = _min == 0 ? -0.0 : _min;
            Span<byte> bytes = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes, max);
            writer.Binary(5, bytes);
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes, min);
            writer.Binary(6, bytes);
        }

        writer.I64(9, _nanCount);
    }

    protected override void ResetChunkState()
    {
        _min = double.PositiveInfinity;
        _max = double.NegativeInfinity;
        _any = false;
        _nanCount = 0;
    }
}
