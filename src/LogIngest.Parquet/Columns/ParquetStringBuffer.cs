using System.Text;
using System.Text.Unicode;

namespace LogIngest.Parquet;

/// <summary>
/// A string or JSON column, kept as UTF-8 bytes laid end to end. A null differs from an empty
/// string.
/// </summary>
public sealed class ParquetStringBuffer : ParquetColumnBuffer
{
    private static readonly UTF8Encoding Utf8Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private byte[] _bytes;
    private int[] _offsets;
    private int _byteCount;

    internal ParquetStringBuffer(ParquetColumn column, int capacity)
        : base(column, capacity)
    {
        _offsets = new int[Capacity + 1];
        _bytes = new byte[Capacity * 16];
    }

    /// <summary>UTF-8 bytes of every value appended so far, end to end.</summary>
    internal ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _byteCount);

    /// <summary>Offsets into <see cref="Bytes"/>: row i spans [Offsets[i], Offsets[i+1]).</summary>
    internal ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);

    internal byte[] RawBytes => _bytes;

    internal int[] RawOffsets => _offsets;

    /// <summary>The UTF-8 bytes of row <paramref name="index"/> (empty for a null row).</summary>
    public ReadOnlySpan<byte> GetUtf8(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);
    }

    /// <summary>Appends a string; null appends a null row.</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        Append(value.AsSpan());
    }

    /// <summary>Appends text (lone surrogates become U+FFFD, as UTF-8 requires).</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        var index = ReserveSlot();
        EnsureBytes(Utf8Encoding.GetMaxByteCount(value.Length));
        _byteCount += Utf8Encoding.GetBytes(value, _bytes.AsSpan(_byteCount));
        _offsets[index + 1] = _byteCount;
        Count = index + 1;
    }

    /// <summary>Appends text given as UTF-8 bytes; invalid UTF-8 is rejected.</summary>
    public void AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new ParquetException(
                $"Column '{Column.Name}' was given bytes that are not valid UTF-8 at row {Count}; pass UTF-8 text.", Column.Name);
        }

        var index = ReserveSlot();
        EnsureBytes(utf8.Length);
        utf8.CopyTo(_bytes.AsSpan(_byteCount));
        _byteCount += utf8.Length;
        _offsets[index + 1] = _byteCount;
        Count = index + 1;
    }

    public override void Clear()
    {
        base.Clear();
        _byteCount = 0;
    }

    private protected override void OnNullAppended(int index) => _offsets[index + 1] = _byteCount;

    private protected override void GrowValues(int newCapacity) => Array.Resize(ref _offsets, newCapacity + 1);

    private void EnsureBytes(int extra)
    {
        var needed = (long)_byteCount + extra;
        if (needed <= _bytes.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new ParquetException(
                $"Column '{Column.Name}' cannot hold more than {Array.MaxLength} bytes of text in one batch; write smaller batches.", Column.Name);
        }

        Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_bytes.Length * 2)));
    }
}
