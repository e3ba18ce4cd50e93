using System.Text;
using LogIngest.Parquet.IO;

namespace LogIngest.Parquet.Thrift;

/// <summary>
/// Writes Thrift's compact protocol: the encoding of Parquet's page headers and footer. Field ids
/// are written as deltas from the previous field of the same struct, so callers must write fields
/// in increasing id order (as parquet.thrift numbers them).
/// </summary>
internal sealed class CompactProtocolWriter
{
    private const byte TypeBooleanTrue = 1;
    private const byte TypeBooleanFalse = 2;
    private const byte TypeI16 = 4;
    private const byte TypeI32 = 5;
    private const byte TypeI64 = 6;
    private const byte TypeBinary = 8;
    private const byte TypeList = 9;
    private const byte TypeStruct = 12;

    private readonly ByteBuffer _output;
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public CompactProtocolWriter(ByteBuffer output)
    {
        _output = output;
    }

    /// <summary>Element type codes for <see cref="ListBegin"/>.</summary>
    public const byte ListOfI32 = TypeI32;

    public const byte ListOfBinary = TypeBinary;

    public const byte ListOfStruct = TypeStruct;

    public void I16(short fieldId, short value)
    {
        FieldHeader(fieldId, TypeI16);
        VarInt(ZigZag((int)value));
    }

    public void I32(short fieldId, int value)
    {
        FieldHeader(fieldId, TypeI32);
        VarInt(ZigZag(value));
    }

    public void I64(short fieldId, long value)
    {
        FieldHeader(fieldId, TypeI64);
        VarInt(ZigZag(value));
    }

    public void Bool(short fieldId, bool value) => FieldHeader(fieldId, value ? TypeBooleanTrue : TypeBooleanFalse);

    public void Binary(short fieldId, ReadOnlySpan<byte> value)
    {
        FieldHeader(fieldId, TypeBinary);
        BinaryValue(value);
    }

    public void String(short fieldId, string value)
    {
        FieldHeader(fieldId, TypeBinary);
        StringValue(value);
    }

    /// <summary>Opens a struct-typed field; close it with <see cref="StructEnd"/>.</summary>
    public void StructField(short fieldId)
    {
        FieldHeader(fieldId, TypeStruct);
        StructBegin();
    }

    /// <summary>Opens a struct (the top-level one, or a list element).</summary>
    public void StructBegin()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void StructEnd()
    {
        _output.WriteByte(0);
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>Writes a list field's header; then write <paramref name="count"/> elements.</summary>
    public void ListBegin(short fieldId, byte elementType, int count)
    {
        FieldHeader(fieldId, TypeList);
        if (count < 15)
        {
            _output.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            _output.WriteByte((byte)(0xF0 | elementType));
            VarInt((uint)count);
        }
    }

    public void I32Value(int value) => VarInt(ZigZag(value));

    public void StringValue(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        VarInt((uint)length);
        var span = _output.GetSpan(length);
        _output.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    public void BinaryValue(ReadOnlySpan<byte> value)
    {
        VarInt((uint)value.Length);
        _output.Write(value);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private void FieldHeader(short fieldId, byte type)
    {
        var delta = fieldId - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            _output.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            _output.WriteByte(type);
            VarInt(ZigZag((int)fieldId));
        }

        _lastFieldId = fieldId;
    }

    private void VarInt(ulong value) => _output.WriteUnsignedVarInt(value);
}
