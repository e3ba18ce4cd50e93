using System.Buffers.Binary;
using System.Text;

namespace LogIngest.Parquet.Reading;

/// <summary>
/// Decodes PLAIN values (Encodings.md) of one column into boxed values of the reader's API types:
/// string, int, long, double, bool, or DateTime (UTC) for timestamps.
/// </summary>
internal sealed class PlainDecoder
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly ColumnDescriptor _column;
    private readonly Func<string, ParquetException> _corrupt;

    public PlainDecoder(ColumnDescriptor column, Func<string, ParquetException> corrupt)
    {
        _column = column;
        _corrupt = corrupt;
    }

    /// <summary>
    /// Decodes values from <paramref name="data"/> into the slots of <paramref name="output"/> whose
    /// definition level is 1 (all slots when <paramref name="levels"/> is empty).
    /// </summary>
    public void Decode(ReadOnlySpan<byte> data, ReadOnlySpan<int> levels, Span<object?> output)
    {
        var position = 0;
        var bit = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (!levels.IsEmpty && levels[i] == 0)
            {
                output[i] = null;
                continue;
            }

            output[i] = _column.PhysicalType switch
            {
                ParquetFormat.Boolean => ReadBoolean(data, ref bit),
                ParquetFormat.Int32 => BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref position, 4)),
                ParquetFormat.Int64 => Int64Value(BinaryPrimitives.ReadInt64LittleEndian(Take(data, ref position, 8))),
                ParquetFormat.Double => BinaryPrimitives.ReadDoubleLittleEndian(Take(data, ref position, 8)),
                _ => ReadString(data, ref position),
            };
        }
    }

    /// <summary>Decodes <paramref name="count"/> values with no nulls (a dictionary page).</summary>
    public object?[] DecodeAll(ReadOnlySpan<byte> data, int count)
    {
        // Each PLAIN value takes at least a bit (booleans) or four bytes; more values cannot fit.
        var fits = _column.PhysicalType == ParquetFormat.Boolean ? data.Length * 8L : data.Length / 4L;
        if (count < 0 || count > fits)
        {
            throw _corrupt($"a page claims {count} PLAIN values in {data.Length} bytes");
        }

        var values = new object?[count];
        Decode(data, [], values);
        return values;
    }

    /// <summary>An INT64 as the column's API type: a long, or a UTC DateTime for timestamps.</summary>
    public object Int64Value(long value)
    {
        if (_column.Column.Type != ParquetColumnType.Timestamp)
        {
            return value;
        }

        // Floor division so instants before the epoch do not round toward it.
        Int128 ticks = _column.Unit switch
        {
            TimestampUnit.Millis => (Int128)value * 10_000,
            TimestampUnit.Nanos => FloorDivide(value, 100),
            _ => (Int128)value * 10,
        };
        ticks += UnixEpochTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            throw new ParquetException(
                $"Column '{_column.Name}' holds the timestamp {value} ({_column.Unit} since 1970-01-01), which is outside the range of DateTime (years 1 to 9999).",
                _column.Name);
        }

        return new DateTime((long)ticks, DateTimeKind.Utc);
    }

    private static long FloorDivide(long value, long divisor)
    {
        var (quotient, remainder) = Math.DivRem(value, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private bool ReadBoolean(ReadOnlySpan<byte> data, ref int bit)
    {
        if (bit >> 3 >= data.Length)
        {
            throw _corrupt("its PLAIN booleans end early");
        }

        var value = (data[bit >> 3] & (1 << (bit & 7))) != 0;
        bit++;
        return value;
    }

    private string ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(Take(data, ref position, 4));
        if (length < 0)
        {
            throw _corrupt($"a PLAIN byte array has a negative length {length}");
        }

        return length == 0 ? string.Empty : Encoding.UTF8.GetString(Take(data, ref position, length));
    }

    private ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, int length)
    {
        if (length > data.Length - position)
        {
            throw _corrupt("its PLAIN values end early");
        }

        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }
}
