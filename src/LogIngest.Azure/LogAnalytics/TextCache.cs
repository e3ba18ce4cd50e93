using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>
/// Reuses the string of a value seen recently in the same column (tenants, operations, computers
/// repeat on almost every row), so a repeated value costs a compare instead of a decode and an
/// allocation. Keys are the value's raw JSON bytes (escapes included), so an escaped value is
/// unescaped once, not on every row. Two ways per set keep a column of a few hundred values from
/// evicting its own entries; the cache switches itself off for a column whose values are mostly
/// distinct (ids, paths).
/// </summary>
internal sealed class TextCache
{
    private const int Probation = 4096;

    private readonly int _sets;
    private readonly int _maxLength;
    private readonly int _minHitsPerMiss4;
    private byte[]?[]? _keys;
    private string?[]? _values;
    private int[]? _lengths;
    private int _misses;
    private int _hits;
    private bool _off;

    /// <param name="maxLength">Longest raw value (bytes) worth keeping.</param>
    /// <param name="minHitsPerFourMisses">After the probation, the cache stays on only with at least this many hits per four misses.</param>
    /// <param name="sets">Sets of two entries (a power of two); with <paramref name="maxLength"/> it bounds the memory held.</param>
    public TextCache(int maxLength = 64, int minHitsPerFourMisses = 2, int sets = 1024)
    {
        if (sets <= 0 || (sets & (sets - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sets), sets, "The number of sets must be a positive power of two.");
        }

        _sets = sets;
        _maxLength = maxLength;
        _minHitsPerMiss4 = minHitsPerFourMisses;
    }

    /// <summary>The string value the reader is on (a JSON string token).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (_off || raw.Length > _maxLength || raw.IsEmpty)
        {
            return Decode(ref reader, raw);
        }

        _keys ??= new byte[]?[_sets * 2];
        _values ??= new string?[_sets * 2];
        _lengths ??= new int[_sets * 2];
        var way = (Set(raw) & (_sets - 1)) * 2;
        var key = _keys[way];
        if (key is not null && raw.SequenceEqual(key.AsSpan(0, _lengths[way])))
        {
            _hits++;
            return _values[way]!;
        }

        key = _keys[way + 1];
        if (key is not null && raw.SequenceEqual(key.AsSpan(0, _lengths[way + 1])))
        {
            _hits++;
            return _values[way + 1]!;
        }

        var text = Decode(ref reader, raw);

        // The newer entry moves to the second way; the older one leaves, and its key array (sized
        // in steps of 32 bytes) is reused when the new key fits.
        var spare = _keys[way + 1];
        _keys[way + 1] = _keys[way];
        _values[way + 1] = _values[way];
        _lengths[way + 1] = _lengths[way];
        if (spare is null || spare.Length < raw.Length)
        {
            spare = new byte[(raw.Length + 31) & ~31];
        }

        raw.CopyTo(spare);
        _keys[way] = spare;
        _values[way] = text;
        _lengths[way] = raw.Length;
        if (++_misses == Probation && _hits * 4 < Probation * _minHitsPerMiss4)
        {
            _off = true; // mostly distinct values: caching only costs
            _keys = null;
            _values = null;
            _lengths = null;
        }

        return text;
    }

    private static string Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw) =>
        reader.ValueIsEscaped ? reader.GetString()! : Encoding.UTF8.GetString(raw);

    // Length, head and tail are enough to spread the values of one column.
    private static int Set(ReadOnlySpan<byte> utf8)
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
        return (int)(mixed ^ (mixed >> 29));
    }
}
