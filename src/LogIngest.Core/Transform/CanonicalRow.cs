using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using LogIngest.Core.Model;

namespace LogIngest.Core.Transform;

/// <summary>
/// The canonical byte encoding of result rows that <see cref="CompositeKeyBuilder"/> hashes (and that the
/// window spill stores, so a row is encoded once).
/// <para>The <b>schema header</b> is <c>varint(columnCount)</c>, then per column <c>varint(byteLength) name(UTF-8)</c>
/// and one type byte (<c>1 + (int)LogColumnType</c>). A <b>row</b> is one value per column, in order: a tag byte,
/// 0 for null, otherwise the column's type byte, then the payload: text-held types (string, guid,
/// timespan, decimal, dynamic) as <c>varint(byteLength) UTF-8</c>; int as 4 bytes, long and datetime
/// (UTC ticks) as 8 bytes, real as its 8 IEEE-754 bytes (every NaN as one pattern), bool as one byte,
/// all little-endian. Varints are unsigned LEB128, minimal. Lengths make separators unnecessary (no
/// value can imitate a boundary), the tag keeps null apart from "" and "1" apart from 1.</para>
/// </summary>
public static class CanonicalRow
{
    /// <summary>The type byte of a non-null value of <paramref name="type"/>.</summary>
    public static byte TypeTag(LogColumnType type) => (byte)(1 + (int)type);

    /// <summary>Writes the schema header of a result's columns.</summary>
    public static void WriteHeader(IReadOnlyList<LogColumn> columns, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(output);
        WriteVarint(output, (ulong)columns.Count);
        foreach (var column in columns)
        {
            WriteText(output, column.Name);
            WriteByte(output, TypeTag(column.Type));
        }
    }

    /// <summary>Writes the values of row <paramref name="row"/> of <paramref name="columns"/>.</summary>
    public static void WriteRow(IReadOnlyList<LogColumn> columns, int row, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(output);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (column.Nulls[row])
            {
                WriteByte(output, 0);
                continue;
            }

            WriteByte(output, TypeTag(column.Type));
            switch (column.Kind)
            {
                case LogValueKind.Text:
                    WriteText(output, column.Text[row]!);
                    break;
                case LogValueKind.Int32:
                    BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), column.Int32Values[row]);
                    output.Advance(4);
                    break;
                case LogValueKind.Int64:
                    BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), column.Int64Values[row]);
                    output.Advance(8);
                    break;
                case LogValueKind.Double:
                    var value = column.DoubleValues[row];
                    BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), BitConverter.DoubleToInt64Bits(double.IsNaN(value) ? double.NaN : value));
                    output.Advance(8);
                    break;
                default:
                    WriteByte(output, column.BooleanValues[row] ? (byte)1 : (byte)0);
                    break;
            }
        }
    }

    /// <summary>Reads one value written by <see cref="WriteRow"/>; advances <paramref name="position"/> past it.</summary>
    public static EncodedValue ReadValue(ReadOnlySpan<byte> data, ref int position, LogColumnType expected)
    {
        var tag = data[position++];
        if (tag == 0)
        {
            return default;
        }

        if (tag != TypeTag(expected))
        {
            throw new InvalidDataException($"Encoded value has type byte {tag}, expected {TypeTag(expected)} ({LogColumnTypes.ToApiName(expected)}).");
        }

        switch (LogColumnTypes.KindOf(expected))
        {
            case LogValueKind.Text:
                var length = (int)ReadVarint(data, ref position);
                var text = new EncodedValue(true, position, length, 0);
                position += length;
                return text;
            case LogValueKind.Int32:
                var int32 = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
                position += 4;
                return new EncodedValue(true, 0, 0, int32);
            case LogValueKind.Int64:
            case LogValueKind.Double:
                var int64 = BinaryPrimitives.ReadInt64LittleEndian(data[position..]);
                position += 8;
                return new EncodedValue(true, 0, 0, int64);
            default:
                return new EncodedValue(true, 0, 0, data[position++]);
        }
    }

    public static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        output.Advance(i);
    }

    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint is longer than 10 bytes.");
    }

    private static void WriteText(IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WriteVarint(output, (ulong)length);
        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(length));
        output.Advance(written);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}

/// <summary>
/// One decoded value of a <see cref="CanonicalRow"/>: absent when null; text as a slice
/// (<see cref="Start"/>, <see cref="Length"/>) of the encoded data; other types in <see cref="Bits"/>
/// (int, long/ticks, double bits, bool as 0/1).
/// </summary>
public readonly record struct EncodedValue(bool HasValue, int Start, int Length, long Bits);
