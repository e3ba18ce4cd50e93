using System.Text;
using LogIngest.Parquet.Reading;

namespace LogIngest.Parquet.Tests.Reading;

/// <summary>The delta encodings against the example of Encodings.md, encoded by hand.</summary>
public sealed class DeltaDecoderTests
{
    // DELTA_BINARY_PACKED of [0, 2, 0, 3]: block 128, 4 miniblocks, 4 values, first 0; min delta -2,
    // adjusted deltas [4, 0, 5] at bit width 3 in one 32-value miniblock (12 bytes), other widths unused.
    private static readonly byte[] Prefixes = [0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x44, 0x01, .. new byte[10]];

    // Lengths [4, 2, 6, 5]: first 4, min delta -2, adjusted [0, 6, 1] at width 3.
    private static readonly byte[] SuffixLengths = [0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00, 0x70, 0x00, .. new byte[10]];

    [Fact]
    public void DecodeIntegers_SpecExample_ReturnsValuesAndConsumesAllBytes()
    {
        var values = new long[4];

        var consumed = DeltaDecoder.DecodeIntegers(Prefixes, values, Corrupt);

        Assert.Equal([0L, 2L, 0L, 3L], values);
        Assert.Equal(Prefixes.Length, consumed);
    }

    [Fact]
    public void DecodeIncrementalByteArrays_SpecExample_RebuildsValuesFromPrefixes()
    {
        byte[] data = [.. Prefixes, .. SuffixLengths, .. "axislebabbleyhood"u8];
        var values = new byte[4][];

        DeltaDecoder.DecodeIncrementalByteArrays(data, values, Corrupt);

        Assert.Equal(["axis", "axle", "babble", "babyhood"], values.Select(v => Encoding.UTF8.GetString(v)));
    }

    [Fact]
    public void DecodeIntegers_TruncatedMiniblock_ThrowsParquetException()
    {
        var values = new long[4];

        Assert.Throws<ParquetException>(() => DeltaDecoder.DecodeIntegers(Prefixes.AsSpan(0, 12), values, Corrupt));
    }

    [Fact]
    public void DecodeByteStreamSplit_TwoDoubles_InterleavesBytesBack()
    {
        var a = BitConverter.GetBytes(1.5);
        var b = BitConverter.GetBytes(-2.25);
        var split = Enumerable.Range(0, 8).SelectMany(i => new[] { a[i], b[i] }).ToArray();
        var output = new byte[16];

        DeltaDecoder.DecodeByteStreamSplit(split, 8, output, 2, Corrupt);

        Assert.Equal([1.5, -2.25], [BitConverter.ToDouble(output, 0), BitConverter.ToDouble(output, 8)]);
    }

    private static ParquetException Corrupt(string detail) => new(detail);
}
