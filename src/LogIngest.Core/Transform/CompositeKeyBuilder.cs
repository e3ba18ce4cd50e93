using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using LogIngest.Core.Model;

namespace LogIngest.Core.Transform;

/// <summary>
/// Builds <c>composite_key</c> = <c>{hex}_{n}</c>: the first 128 bits of SHA-256 over the
/// <see cref="CanonicalRow"/> header and row (every result column: name, type, value; null apart from
/// empty) as 32 lowercase hex digits, and <c>n</c>, the occurrence index of the row among the identical
/// rows of the result so far. 128 bits are what tells identical rows apart from different ones here (a
/// collision among a year of 500,000,000 rows has odds near 2^-71); the other 128 bits of the hash
/// cost 32 bytes a row in the lake and identified nothing more.
/// <para><b>Why the key does not depend on the plan.</b> Identical rows agree on every column, TimeGenerated
/// included, so no cut in time can separate them: whichever window (or finer re-plan of it) holds one,
/// holds them all. A key split selects rows by <c>hash(_ItemId)</c>, and identical rows share <c>_ItemId</c>
/// too, so they land in the same slice. The occurrence indices of a group of identical rows are therefore
/// always 0..c-1, and as identical rows are interchangeable the set of keys is the same whatever the
/// batch boundaries, the row order or the plan. A row identical to no other always gets <c>_0</c>.</para>
/// <para><b>Where that cannot hold.</b> When a config's filter projects away <c>_ItemId</c>, identical result
/// rows may come from different source records in different slices of a key split; each slice's
/// indices then become <c>n * modulus + remainder</c>, unique across the slices of the split (the split
/// is fixed for a committed instant, since other plans' files are removed as orphans). On the
/// ingestion-time axis, identical rows can arrive in different windows; they then share a key, which
/// is what a re-delivered record should do (keep <c>_ItemId</c> in the result to tell records apart).</para>
/// </summary>
public sealed class CompositeKeyBuilder
{
    /// <summary>Bytes of the hash the key carries.</summary>
    public const int KeyBytes = 16;

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

    /// <summary>Writes the key's <see cref="KeyBytes"/> bytes of an encoded row's hash into <paramref name="hash"/> and answers its occurrence index.</summary>
    public long Next(ReadOnlySpan<byte> encodedRow, Span<byte> hash)
    {
        if (_headerLength + encodedRow.Length > _message.Length)
        {
            var larger = new byte[Math.Max(_headerLength + encodedRow.Length, _message.Length * 2)];
            _message.AsSpan(0, _headerLength).CopyTo(larger);
            _message = larger;
        }

        encodedRow.CopyTo(_message.AsSpan(_headerLength));
        SHA256.HashData(_message.AsSpan(0, _headerLength + encodedRow.Length), _digest);
        _digest.AsSpan(0, KeyBytes).CopyTo(hash);
        var id = (BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, id, out _);
        var occurrence = count++;
        return ((long)occurrence * _modulus) + _remainder;
    }

    /// <summary><c>{32 lowercase hex digits}_{n}</c>.</summary>
    public static string Format(ReadOnlySpan<byte> hash, long occurrence) =>
        Convert.ToHexStringLower(hash[..KeyBytes]) + "_" + occurrence.ToString(CultureInfo.InvariantCulture);

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
