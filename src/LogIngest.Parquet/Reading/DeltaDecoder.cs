namespace LogIngest.Parquet.Reading;

/// <summary>
/// Decodes the delta encodings of Encodings.md that data page v2 writers (DuckDB among them) pick:
/// DELTA_BINARY_PACKED integers, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY byte arrays, and
/// BYTE_STREAM_SPLIT fixed-width values.
/// </summary>
internal static class DeltaDecoder
{
    /// <summary>Decodes DELTA_BINARY_PACKED integers to fill <paramref name="output"/>; returns the bytes consumed.</summary>
    public static int DecodeIntegers(ReadOnlySpan<byte> data, Span<long> output, Func<string, ParquetException> corrupt)
    {
        var position = 0;
        var blockSize = ReadUleb128(data, ref position, corrupt);
        var miniblocks = ReadUleb128(data, ref position, corrupt);
        var total = ReadUleb128(data, ref position, corrupt);
        var previous = ReadZigZag(data, ref position, corrupt);
        // The format asks for multiples of 128 and 32; byte alignment (8) is all decoding needs.
        if (blockSize == 0 || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 8 != 0)
        {
            throw corrupt($"a DELTA_BINARY_PACKED header has block size {blockSize} and {miniblocks} miniblocks");
        }

        if (total < (ulong)output.Length)
        {
            throw corrupt($"a DELTA_BINARY_PACKED run holds {total} values where {output.Length} are needed");
        }

        if (output.IsEmpty)
        {
            return position;
        }

        var perMiniblock = (int)(blockSize / miniblocks);
        output[0] = previous;
        var produced = 1;
        Span<byte> widths = stackalloc byte[(int)Math.Min(miniblocks, 256)];
        if (miniblocks > 256)
        {
            throw corrupt($"a DELTA_BINARY_PACKED block has {miniblocks} miniblocks");
        }

        while (produced < output.Length)
        {
            var minDelta = ReadZigZag(data, ref position, corrupt);
            if (data.Length - position < widths.Length)
            {
                throw corrupt("a DELTA_BINARY_PACKED block ends early");
            }

            data.Slice(position, widths.Length).CopyTo(widths);
            position += widths.Length;
            for (var m = 0; m < widths.Length && produced < output.Length; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    throw corrupt($"a DELTA_BINARY_PACKED miniblock has bit width {width}");
                }

                var bytes = perMiniblock * width / 8;
                if (data.Length - position < bytes)
                {
                    throw corrupt("a DELTA_BINARY_PACKED miniblock ends early");
                }

                var packed = data.Slice(position, bytes);
                position += bytes;
                var take = Math.Min(perMiniblock, output.Length - produced);
                for (var i = 0; i < take; i++)
                {
                    // Deltas wrap around, as the writer computed them.
                    previous = unchecked(previous + minDelta + (long)ReadBits(packed, i * width, width));
                    output[produced++] = previous;
                }
            }
        }

        return position;
    }

    /// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY values; returns the bytes consumed.</summary>
    public static int DecodeLengthByteArrays(ReadOnlySpan<byte> data, Span<byte[]> output, Func<string, ParquetException> corrupt)
    {
        var lengths = new long[output.Length];
        var position = DecodeIntegers(data, lengths, corrupt);
        for (var i = 0; i < output.Length; i++)
        {
            if (lengths[i] < 0 || lengths[i] > data.Length - position)
            {
                throw corrupt($"a DELTA_LENGTH_BYTE_ARRAY value of {lengths[i]} bytes does not fit its page");
            }

            output[i] = data.Slice(position, (int)lengths[i]).ToArray();
            position += (int)lengths[i];
        }

        return position;
    }

    /// <summary>Decodes DELTA_BYTE_ARRAY values: each is a prefix of the one before plus a suffix.</summary>
    public static void DecodeIncrementalByteArrays(ReadOnlySpan<byte> data, Span<byte[]> output, Func<string, ParquetException> corrupt)
    {
        var prefixes = new long[output.Length];
        var position = DecodeIntegers(data, prefixes, corrupt);
        var suffixes = new byte[output.Length][];
        DecodeLengthByteArrays(data[position..], suffixes, corrupt);
        var previous = Array.Empty<byte>();
        for (var i = 0; i < output.Length; i++)
        {
            if (prefixes[i] < 0 || prefixes[i] > previous.Length)
            {
                throw corrupt($"a DELTA_BYTE_ARRAY prefix of {prefixes[i]} bytes is longer than the value before it");
            }

            var value = new byte[prefixes[i] + suffixes[i].Length];
            previous.AsSpan(0, (int)prefixes[i]).CopyTo(value);
            suffixes[i].CopyTo(value.AsSpan((int)prefixes[i]));
            output[i] = value;
            previous = value;
        }
    }

    /// <summary>Reassembles BYTE_STREAM_SPLIT values of <paramref name="width"/> bytes: byte b of value i sits at b * count + i.</summary>
    public static void DecodeByteStreamSplit(ReadOnlySpan<byte> data, int width, Span<byte> output, int count, Func<string, ParquetException> corrupt)
    {
        if (data.Length < (long)count * width)
        {
            throw corrupt("its BYTE_STREAM_SPLIT values end early");
        }

        for (var i = 0; i < count; i++)
        {
            for (var b = 0; b < width; b++)
            {
                output[(i * width) + b] = data[(b * count) + i];
            }
        }
    }

    private static ulong ReadBits(ReadOnlySpan<byte> packed, int bitOffset, int width)
    {
        ulong value = 0;
        var written = 0;
        while (written < width)
        {
            var byteIndex = (bitOffset + written) >> 3;
            var shift = (bitOffset + written) & 7;
            var bits = Math.Min(8 - shift, width - written);
            var chunk = (ulong)((packed[byteIndex] >> shift) & ((1 << bits) - 1));
            value |= chunk << written;
            written += bits;
        }

        return value;
    }

    private static long ReadZigZag(ReadOnlySpan<byte> data, ref int position, Func<string, ParquetException> corrupt)
    {
        var raw = ReadUleb128(data, ref position, corrupt);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private static ulong ReadUleb128(ReadOnlySpan<byte> data, ref int position, Func<string, ParquetException> corrupt)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                throw corrupt("a delta-encoded header ends early");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw corrupt("a delta-encoded header has an over-long integer");
    }
}
