using System.Text;

namespace LogIngest.Parquet.Thrift;

/// <summary>
/// Reads Thrift's compact protocol (the encoding of Parquet's footer and page headers) from a byte
/// array. Callers walk a struct with <see cref="NextField"/> and skip the fields they do not know,
/// so files from newer writers still read. Any read past the end, or nesting deeper than a footer
/// can sensibly hold, is reported as corruption of <see cref="What"/>.
/// </summary>
internal sealed class CompactProtocolReader
{
    public const byte TypeBooleanTrue = 1;
    public const byte TypeBooleanFalse = 2;
    public const byte TypeByte = 3;
    public const byte TypeI16 = 4;
    public const byte TypeI32 = 5;
    public const byte TypeI64 = 6;
    public const byte TypeDouble = 7;
    public const byte TypeBinary = 8;
    public const byte TypeList = 9;
    public const byte TypeSet = 10;
    public const byte TypeMap = 11;
    public const byte TypeStruct = 12;

    // parquet.thrift nests a handful of levels; anything deeper is garbage, not a schema.
    private const int MaxDepth = 64;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private bool _pendingBool;

    /// <param name="buffer">Bytes holding the structure.</param>
    /// <param name="offset">Where it starts.</param>
    /// <param name="count">Bytes available from <paramref name="offset"/>.</param>
    /// <param name="what">Names the structure in error messages ("the footer", "a page header of column 'x'").</param>
    public CompactProtocolReader(byte[] buffer, int offset, int count, string what)
    {
        _buffer = buffer;
        Position = offset;
        _end = offset + count;
        What = what;
    }

    public string What { get; }

    public int Position { get; private set; }

    public void StructBegin()
    {
        if (_lastFieldIds.Count >= MaxDepth)
        {
            throw Corrupt("it nests structures too deeply");
        }

        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void StructEnd() => _lastFieldId = _lastFieldIds.Pop();

    /// <summary>Reads the next field header of the open struct; false at its stop byte.</summary>
    public bool NextField(out short fieldId, out byte type)
    {
        var header = ReadByte();
        if (header == 0)
        {
            fieldId = 0;
            type = 0;
            return false;
        }

        type = (byte)(header & 0x0F);
        var delta = header >> 4;
        fieldId = delta != 0 ? (short)(_lastFieldId + delta) : (short)ReadZigZag32();
        _lastFieldId = fieldId;
        if (type is TypeBooleanTrue or TypeBooleanFalse)
        {
            // A boolean field carries its value in the header's type nibble.
            _pendingBool = type == TypeBooleanTrue;
        }

        return true;
    }

    /// <summary>The value of a boolean field whose header <see cref="NextField"/> just read.</summary>
    public bool ReadBoolField() => _pendingBool;

    public int ReadI32() => ReadZigZag32();

    public long ReadI64()
    {
        var raw = ReadVarInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadBinaryLength()
    {
        var length = ReadVarInt64();
        if (length > (ulong)(_end - Position))
        {
            throw Corrupt($"a binary value of {length} bytes runs past its end");
        }

        return (int)length;
    }

    public string ReadString()
    {
        var length = ReadBinaryLength();
        var text = Utf8.GetString(_buffer, Position, length);
        Position += length;
        return text;
    }

    /// <summary>Reads a list header: element type and count.</summary>
    public int ListBegin(out byte elementType)
    {
        var header = ReadByte();
        elementType = (byte)(header & 0x0F);
        var count = (ulong)(header >> 4);
        if (count == 15)
        {
            count = ReadVarInt64();
        }

        // Every element takes at least one byte, except booleans stored in none.
        if (count > (ulong)(_end - Position) && count > 0)
        {
            throw Corrupt($"a list of {count} elements runs past its end");
        }

        return (int)count;
    }

    /// <summary>Reads one byte as it is (an i8 value).</summary>
    public byte ReadRawByte() => ReadByte();

    /// <summary>Checks a field holds the type the format gives it.</summary>
    public void Expect(byte actual, byte expected, string field)
    {
        var same = actual == expected || (expected == TypeBooleanTrue && actual == TypeBooleanFalse);
        if (!same)
        {
            throw Corrupt($"field {field} has Thrift type {actual}, not {expected}");
        }
    }

    /// <summary>Skips a value of any type, structs and containers included.</summary>
    public void Skip(byte type) => Skip(type, 0, inList: false);

    public ParquetException Corrupt(string detail) =>
        new($"The Parquet file is corrupt: {What} could not be decoded ({detail}). The file may be truncated or not Parquet; rewrite it.");

    private void Skip(byte type, int depth, bool inList)
    {
        if (depth > MaxDepth)
        {
            throw Corrupt("it nests values too deeply");
        }

        switch (type)
        {
            case TypeBooleanTrue or TypeBooleanFalse:
                if (inList)
                {
                    ReadByte();
                }

                break;
            case TypeByte:
                ReadByte();
                break;
            case TypeI16 or TypeI32 or TypeI64:
                ReadVarInt64();
                break;
            case TypeDouble:
                Advance(8);
                break;
            case TypeBinary:
                Advance(ReadBinaryLength());
                break;
            case TypeList or TypeSet:
                {
                    var count = ListBegin(out var elementType);
                    for (var i = 0; i < count; i++)
                    {
                        Skip(elementType, depth + 1, inList: true);
                    }

                    break;
                }

            case TypeMap:
                {
                    var count = ReadVarInt64();
                    if (count > (ulong)(_end - Position))
                    {
                        throw Corrupt($"a map of {count} entries runs past its end");
                    }

                    if (count > 0)
                    {
                        var types = ReadByte();
                        for (ulong i = 0; i < count; i++)
                        {
                            Skip((byte)(types >> 4), depth + 1, inList: true);
                            Skip((byte)(types & 0x0F), depth + 1, inList: true);
                        }
                    }

                    break;
                }

            case TypeStruct:
                StructBegin();
                while (NextField(out _, out var fieldType))
                {
                    Skip(fieldType, depth + 1, inList: false);
                }

                StructEnd();
                break;
            default:
                throw Corrupt($"unknown Thrift type {type}");
        }
    }

    private byte ReadByte()
    {
        if (Position >= _end)
        {
            throw Corrupt("it ends early");
        }

        return _buffer[Position++];
    }

    private void Advance(int count)
    {
        if (count > _end - Position)
        {
            throw Corrupt("it ends early");
        }

        Position += count;
    }

    private int ReadZigZag32()
    {
        var raw = ReadVarInt64();
        if (raw > uint.MaxValue)
        {
            throw Corrupt("a 32-bit integer is out of range");
        }

        var value = (uint)raw;
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    private ulong ReadVarInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Corrupt("a variable-length integer is longer than 10 bytes");
    }
}
