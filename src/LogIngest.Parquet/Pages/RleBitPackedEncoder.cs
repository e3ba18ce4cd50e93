using LogIngest.Parquet.IO;

namespace LogIngest.Parquet.Pages;

/// <summary>
/// The RLE / bit-packing hybrid of Encodings.md: runs of 8 or more equal values become RLE runs,
/// everything else is bit-packed in groups of 8 (the last group padded with zeros).
/// </summary>
internal static class RleBitPackedEncoder
{
    /// <summary>Bits needed for values up to <paramref name="maxValue"/> (at least 1).</summary>
    public static int BitWidth(int maxValue) => Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxValue));

    /// <summary>Encodes definition levels of a nullable column (bit width 1): 1 = present, 0 = null.</summary>
    public static void EncodeDefinitionLevels(ReadOnlySpan<bool> isNull, ByteBuffer output)
    {
        var n = isNull.Length;
        var i = 0;
        while (i < n)
        {
            var current = isNull[i];
            var end = isNull[i..].IndexOfAnyExcept(current);
            var run = end < 0 ? n - i : end;
            if (run >= 8)
            {
                output.WriteUnsignedVarInt((ulong)run << 1);
                output.WriteByte(current ? (byte)0 : (byte)1);
                i += run;
                continue;
            }

            // Bit-pack groups of 8 until a long run starts at a group boundary.
            var start = i;
            var groups = 0;
            do
            {
                i += 8;
                groups++;
            }
            while (i < n && !StartsRun(isNull, i));

            output.WriteUnsignedVarInt(((ulong)groups << 1) | 1);
            var span = output.GetSpan(groups);
            for (var g = 0; g < groups; g++)
            {
                var b = 0;
                var baseIndex = start + (g * 8);
                var limit = Math.Min(8, n - baseIndex);
                for (var j = 0; j < limit; j++)
                {
                    if (!isNull[baseIndex + j])
                    {
                        b |= 1 << j;
                    }
                }

                span[g] = (byte)b;
            }

            output.Advance(groups);
        }
    }

    /// <summary>Encodes values (e.g. dictionary indices) of at most <paramref name="bitWidth"/> bits.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        var n = values.Length;
        var valueBytes = (bitWidth + 7) / 8;
        var i = 0;
        while (i < n)
        {
            var current = values[i];
            var end = values[i..].IndexOfAnyExcept(current);
            var run = end < 0 ? n - i : end;
            if (run >= 8)
            {
                output.WriteUnsignedVarInt((ulong)run << 1);
                var span = output.GetSpan(4);
                for (var b = 0; b < valueBytes; b++)
                {
                    span[b] = (byte)(current >> (8 * b));
                }

                output.Advance(valueBytes);
                i += run;
                continue;
            }

            var start = i;
            var groups = 0;
            do
            {
                i += 8;
                groups++;
            }
            while (i < n && !StartsRun(values, i));

            output.WriteUnsignedVarInt(((ulong)groups << 1) | 1);
            BitPack(values, start, groups * 8, bitWidth, output);
        }
    }

    private static bool StartsRun<T>(ReadOnlySpan<T> values, int index)
        where T : IEquatable<T>
    {
        if (index + 8 > values.Length)
        {
            return false;
        }

        var first = values[index];
        for (var j = 1; j < 8; j++)
        {
            if (!values[index + j].Equals(first))
            {
                return false;
            }
        }

        return true;
    }

    private static void BitPack(ReadOnlySpan<int> values, int start, int count, int bitWidth, ByteBuffer output)
    {
        var byteCount = count / 8 * bitWidth;
        var span = output.GetSpan(byteCount);
        ulong accumulator = 0;
        var bits = 0;
        var written = 0;
        var available = Math.Min(count, values.Length - start);
        for (var j = 0; j < count; j++)
        {
            var v = j < available ? (uint)values[start + j] : 0u;
            accumulator |= (ulong)v << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                span[written++] = (byte)accumulator;
                accumulator >>= 8;
                bits -= 8;
            }
        }

        output.Advance(written);
    }
}
