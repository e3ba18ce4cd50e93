using System.Buffers;
using System.Buffers.Binary;

namespace LogIngest.Parquet.IO;

/// <summary>A growable byte buffer on a pooled array, reused from page to page.</summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _array;

    public ByteBuffer(int initialCapacity = 4096)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, Length);

    public byte[] Array => _array;

    public void Clear() => Length = 0;

    public Span<byte> GetSpan(int sizeHint)
    {
        Ensure(sizeHint);
        return _array.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void WriteByte(byte value)
    {
        if (Length == _array.Length)
        {
            Ensure(1);
        }

        _array[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_array.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteInt32LittleEndian(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_array.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteUnsignedVarInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _array[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _array[Length++] = (byte)value;
    }

    public void Ensure(int extra)
    {
        var needed = (long)Length + extra;
        if (needed <= _array.Length)
        {
            return;
        }

        var size = (int)Math.Min(System.Array.MaxLength, Math.Max(needed, (long)_array.Length * 2));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            Length = 0;
        }
    }
}
