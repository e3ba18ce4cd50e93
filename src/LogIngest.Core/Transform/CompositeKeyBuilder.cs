using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using LogIngest.Core.Model;

namespace LogIngest.Core.Transform;

/// <summary>
/// Builds <c>composite_key</c>, a 64-bit integer: the first 64 bits of SHA-256 over the
/// <see cref="CanonicalRow"/> header and row (every result column: name, type, value; null apart from
/// empty), read little-endian, plus <c>n</c>, the occurrence index of the row among the identical rows
/// of the result so far (wrapping). A row is identified in the lake by <c>(TimeGenerated,
/// composite_key)</c>: rows at different instants are different rows whatever their keys, so 64 bits
/// need only tell apart the rows of one instant (two different rows at one instant share a key with
/// odds of 2^-64; a table with 1,000 rows at every instant of a 500,000,000-row year expects about
/// 10^-8 such pairs). Identical rows are still told apart in memory by 128 bits of the hash. The key
/// costs 8 bytes a row in the lake, where its earlier text form cost 33.
/// <para><b>Why the key does not depend on the plan.</b> Identical rows agree on every column, TimeGenerated
/// included, so no cut in time can separate them: whichever window (or finer re-plan of it) holds one,
/// holds them all. A key split selects rows by <c>hash(_ItemId)</c>, and identical rows share <c>_ItemId</c>
/// too, so they land in the same slice. The occurrence indices of a group of identical rows are therefore
/// always 0..c-1, and as identical rows are interchangeable the set of keys is the same whatever the
/// batch boundaries, the row order or the plan. A row identical to no other gets the hash itself (in the
/// case below, the hash plus its slice's remainder).</para>
/// <para><b>Where that cannot hold.</b> When a config's filter projects away <c>_ItemId</c>, identical result
/// rows may come from different source records in different slices of a key split; each slice's
/// indices then become <c>n * modulus + remainder</c>, unique across the slices of the split (the split
/// is fixed for a committed instant, since other plans' files are removed as orphans). On the
/// ingestion-time axis, identical rows can arrive in different windows; they then share a key, which
/// is what a re-delivered record should do (keep <c>_ItemId</c> in the result to tell records apart).</para>
/// </summary>
public sealed class CompositeKeyBuilder
{
    /// <summary>Bytes of the key in a spill record and in the lake.</summary>
    public const int KeyBytes = sizeof(long);

    private readonly int _headerLength;
    private readonly (string Name, LogColumnType Type)[] _columns;
    private readonly byte[] _digest = new byte[SHA256.HashSizeInBytes];
    private byte[] _message;
    private readonly Dictionary<(ulong, ulong), int> _seen = [];
    private readonly int _modulus = 1;
    private readonly int _remainder;

    /// <param name="columns">The result's columns (names and types of the first batch).</param>
    /// <param name="split">The key-split slice the result is, if any.</param>
    public CompositeKeyBuilder(IReadOnlyList<LogColumn> columns, KeySplit? split)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var header = new ArrayBufferWriter<byte>(256);
        CanonicalRow.WriteHeader(columns, header);
        // The header is hashed before every row: it stays at the front of one buffer, the row goes after
        // it, and one one-shot hash call covers both (cheaper than an incremental hash's three calls).
        _headerLength = header.WrittenCount;
        _message = new byte[Math.Max(4096, _headerLength * 2)];
        header.WrittenSpan.CopyTo(_message);
        _columns = [.. columns.Select(c => (c.Name, c.Type))];
        if (split is { } s && !columns.Any(c => c.Name == "_ItemId"))
        {
            _modulus = s.Modulus;
            _remainder = s.Remainder;
        }
    }

    /// <summary>The result's columns, as the key encodes them.</summary>
    public IReadOnlyList<(string Name, LogColumnType Type)> Columns => _columns;

    /// <summary>Answers the key of an encoded row, the next row of the result.</summary>
    public long Next(ReadOnlySpan<byte> encodedRow)
    {
        if (_headerLength + encodedRow.Length > _message.Length)
        {
            var larger = new byte[Math.Max(_headerLength + encodedRow.Length, _message.Length * 2)];
            _message.AsSpan(0, _headerLength).CopyTo(larger);
            _message = larger;
        }

        encodedRow.CopyTo(_message.AsSpan(_headerLength));
        SHA256.HashData(_message.AsSpan(0, _headerLength + encodedRow.Length), _digest);
        var first = BinaryPrimitives.ReadUInt64LittleEndian(_digest);
        var id = (first, BinaryPrimitives.ReadUInt64LittleEndian(_digest.AsSpan(8)));
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, id, out _);
        var occurrence = (ulong)count++;
        return unchecked((long)(first + (occurrence * (ulong)_modulus) + (ulong)_remainder));
    }

    /// <summary>True when <paramref name="columns"/> has the same names and types as the result's first batch.</summary>
    public bool SameColumns(IReadOnlyList<LogColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != _columns.Length)
        {
            return false;
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            if (columns[i].Name != _columns[i].Name || columns[i].Type != _columns[i].Type)
            {
                return false;
            }
        }

        return true;
    }
}
