using System.Runtime.InteropServices;
using System.Text;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>
/// Reuses the string of a value seen recently in the same column (tenants, operations, computers
/// repeat on almost every row), so a repeated value costs a compare instead of a decode and an
/// allocation. Switches itself off for a column whose values are mostly distinct (ids, paths).
/// </summary>
internal sealed class TextCache
{
    private const int Slots = 1024;
    private const int MaxLength = 64;
    private const int Probation = 4096;

    private readonly byte[]?[] _keys = new byte[]?[Slots];
    private readonly string?[] _values = new string?[Slots];
    private int _lookups;
    private int _hits;
    private bool _off;

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (_off || utf8.Length > MaxLength || utf8.IsEmpty)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = Slot(utf8);
        var key = _keys[slot];
        if (key is not null && utf8.SequenceEqual(key))
        {
            _hits++;
            return _values[slot]!;
        }

        var text = Encoding.UTF8.GetString(utf8);
        _keys[slot] = utf8.ToArray();
        _values[slot] = text;
        if (++_lookups == Probation && _hits < Probation / 2)
        {
            _off = true; // mostly distinct values: caching only costs
            Array.Clear(_keys);
            Array.Clear(_values);
        }

        return text;
    }

    // Length, head and tail are enough to spread the values of one column.
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        ulong head, tail;
        if (utf8.Length >= 8)
        {
            head = MemoryMarshal.Read<ulong>(utf8);
            tail = MemoryMarshal.Read<ulong>(utf8[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in utf8)
            {
                head = (head << 8) | b;
            }

            tail = head >> 3;
        }

        var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
        return (int)((mixed ^ (mixed >> 29)) & (Slots - 1));
    }
}
