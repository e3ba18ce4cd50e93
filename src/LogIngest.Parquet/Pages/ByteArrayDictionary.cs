using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LogIngest.Parquet.IO;

namespace LogIngest.Parquet.Pages;

/// <summary>
/// The distinct values of a byte-array column chunk, kept PLAIN encoded (the dictionary page body)
/// and found again through an open-addressing hash table.
/// </summary>
internal sealed class ByteArrayDictionary : IDisposable
{
    private readonly ByteBuffer _plain = new(64 * 1024);
    private int[] _entryOffsets = new int[1024];
    private int[] _entryLengths = new int[1024];
    private uint[] _entryHashes = new uint[1024];
    private int[] _slots = new int[2048];

    public int Count { get; private set; }

    /// <summary>Bytes of the PLAIN-encoded dictionary page body.</summary>
    public int PlainSize => _plain.Length;

    public ReadOnlyMemory<byte> PlainMemory => _plain.WrittenMemory;

    public ReadOnlySpan<byte> Entry(int index) => _plain.WrittenSpan.Slice(_entryOffsets[index], _entryLengths[index]);

    /// <summary>Returns the index of the value, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> value, out bool added)
    {
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        var plain = _plain.Array;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_entryHashes[entry] == hash && value.SequenceEqual(plain.AsSpan(_entryOffsets[entry], _entryLengths[entry])))
            {
                added = false;
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        var index = Count;
        if (index == _entryOffsets.Length)
        {
            Array.Resize(ref _entryOffsets, index * 2);
            Array.Resize(ref _entryLengths, index * 2);
            Array.Resize(ref _entryHashes, index * 2);
        }

        _plain.WriteInt32LittleEndian(value.Length);
        _entryOffsets[index] = _plain.Length;
        _entryLengths[index] = value.Length;
        _entryHashes[index] = hash;
        _plain.Write(value);
        _slots[slot] = index + 1;
        Count = index + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        added = true;
        return index;
    }

    public void Clear()
    {
        _plain.Clear();
        Array.Clear(_slots);
        Count = 0;
    }

    public void Dispose() => _plain.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> value)
    {
        const ulong Prime1 = 0x9E3779B185EBCA87UL;
        const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
        var h = Prime1 ^ ((ulong)value.Length * Prime2);
        ref var start = ref MemoryMarshal.GetReference(value);
        var i = 0;
        for (; i + 8 <= value.Length; i += 8)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            h = BitOperations.RotateLeft(h ^ (word * Prime2), 31) * Prime1;
        }

        if (i < value.Length)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            value[i..].CopyTo(tail);
            h = BitOperations.RotateLeft(h ^ (BinaryPrimitives.ReadUInt64LittleEndian(tail) * Prime2), 31) * Prime1;
        }

        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        return (uint)h;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var entry = 0; entry < Count; entry++)
        {
            var slot = (int)_entryHashes[entry] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry + 1;
        }

        _slots = slots;
    }
}
