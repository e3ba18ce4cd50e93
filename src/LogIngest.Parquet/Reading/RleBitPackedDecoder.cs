namespace LogIngest.Parquet.Reading;

/// <summary>
/// Decodes the RLE / bit-packing hybrid of Encodings.md (definition levels, dictionary indices,
/// RLE booleans): a ULEB128 header whose low bit tells a bit-packed run of 8-value groups (1) from
/// a repeated value (0).
/// </summary>
internal static class RleBitPackedDecoder
{
    /// <summary>
    /// Fills <paramref name="output"/> with values of <paramref name="bitWidth"/> bits from
    /// <paramref name="data"/>; returns the bytes consumed. Throws when the data ends early.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output, Func<string, ParquetException> corrupt)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw corrupt($"bit width {bitWidth} is out of range");
        }

        var position = 0;
        var produced = 0;
        var valueBytes = (bitWidth + 7) / 8;
        while (produced < output.Length)
        {
            var header = ReadUleb128(data, ref position, corrupt);
            if ((header & 1) == 1)
            {
                var groups = header >> 1;
                var bytes = groups * (ulong)bitWidth;
                if (bytes > (ulong)(data.Length - position))
                {
                    // Writers may stop the last bit-packed run at the last value they need.
                    bytes = (ulong)(data.Length - position);
                }

                var available = (int)Math.Min(groups * 8, (ulong)(output.Length - produced));
                if (bitWidth > 0)
                {
                    available = (int)Math.Min((ulong)available, bytes * 8 / (ulong)bitWidth);
                }

                if (available == 0 && groups > 0)
                {
                    throw corrupt("a bit-packed run ends early");
                }

                Unpack(data.Slice(position, (int)bytes), bitWidth, output.Slice(produced, available));
                position += (int)bytes;
                produced += available;
            }
            else
            {
                var run = header >> 1;
                if (valueBytes > data.Length - position)
                {
                    throw corrupt("an RLE run ends early");
                }

                var value = 0;
                for (var b = 0; b < valueBytes; b++)
                {
                    value |= data[position + b] << (8 * b);
                }

                position += valueBytes;
                var take = (int)Math.Min(run, (ulong)(output.Length - produced));
                output.Slice(produced, take).Fill(value);
                produced += take;
            }
        }

        return position;
    }

    private static void Unpack(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        var mask = bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << bitWidth) - 1;
        ulong accumulator = 0;
        var bits = 0;
        var position = 0;
        for (var i = 0; i < output.Length; i++)
        {
            while (bits < bitWidth)
            {
                accumulator |= (ulong)data[position++] << bits;
                bits += 8;
            }

            output[i] = (int)(uint)(accumulator & mask);
            accumulator >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadUleb128(ReadOnlySpan<byte> data, ref int position, Func<string, ParquetException> corrupt)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw corrupt("an RLE/bit-packed run header ends early");
            }

            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw corrupt("an RLE/bit-packed run header is too long");
    }
}
