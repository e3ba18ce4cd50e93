using System.Buffers;
using System.Text;
using LogIngest.Core.Model;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Tests.Transform;

public class CanonicalRowTests
{
    private static readonly (string, LogColumnType)[] TwoStrings = [("A", LogColumnType.String), ("B", LogColumnType.String)];

    [Fact]
    public void WriteRow_NullAndEmptyString_EncodeDifferently()
    {
        var batch = Rows.Batch(TwoStrings, [null, "x"], ["", "x"]);
        Assert.NotEqual(Encode(batch, 0), Encode(batch, 1));
    }

    [Fact]
    public void WriteRow_ValuesThatConcatenateAlike_EncodeDifferently()
    {
        // "ab" + "c" and "a" + "bc" join to the same text; the length prefixes keep them apart.
        var batch = Rows.Batch(TwoStrings, ["ab", "c"], ["a", "bc"], ["a\u0001", "c"]);
        var encodings = Enumerable.Range(0, 3).Select(r => Convert.ToHexString(Encode(batch, r))).ToHashSet();
        Assert.Equal(3, encodings.Count);
    }

    [Fact]
    public void WriteRow_SameDigitsAsTextAndNumber_EncodeDifferently()
    {
        var text = Rows.Batch([("V", LogColumnType.String)], ["1"]);
        var number = Rows.Batch([("V", LogColumnType.Int)], [1]);
        var longNumber = Rows.Batch([("V", LogColumnType.Long)], [1L]);
        Assert.NotEqual(Encode(text, 0), Encode(number, 0));
        Assert.NotEqual(Encode(number, 0), Encode(longNumber, 0));
    }

    [Fact]
    public void ReadValue_EveryType_ReturnsWhatWasWritten()
    {
        var schema = new (string, LogColumnType)[]
        {
            ("S", LogColumnType.String), ("I", LogColumnType.Int), ("L", LogColumnType.Long), ("R", LogColumnType.Real),
            ("B", LogColumnType.Bool), ("D", LogColumnType.DateTime), ("G", LogColumnType.Guid), ("Y", LogColumnType.Dynamic), ("N", LogColumnType.Long),
        };
        var time = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);
        var batch = Rows.Batch(schema, ["héllo", -7, long.MinValue, -0.5, true, time, "0b5d0c9e-0000-4000-8000-000000000001", "{\"a\":[1,2]}", null]);
        var bytes = Encode(batch, 0);
        var position = 0;
        var values = schema.Select(c => CanonicalRow.ReadValue(bytes, ref position, c.Item2)).ToArray();

        Assert.Equal(bytes.Length, position);
        Assert.Equal("héllo", Encoding.UTF8.GetString(bytes, values[0].Start, values[0].Length));
        Assert.Equal(-7, values[1].Bits);
        Assert.Equal(long.MinValue, values[2].Bits);
        Assert.Equal(-0.5, BitConverter.Int64BitsToDouble(values[3].Bits));
        Assert.Equal(1, values[4].Bits);
        Assert.Equal(time.Ticks, values[5].Bits);
        Assert.Equal("{\"a\":[1,2]}", Encoding.UTF8.GetString(bytes, values[7].Start, values[7].Length));
        Assert.False(values[8].HasValue);
    }

    [Fact]
    public void WriteHeader_ColumnNamesDiffer_HeadersDiffer()
    {
        var a = new ArrayBufferWriter<byte>();
        var b = new ArrayBufferWriter<byte>();
        CanonicalRow.WriteHeader(Rows.Batch([("Ab", LogColumnType.String), ("C", LogColumnType.String)]).Columns, a);
        CanonicalRow.WriteHeader(Rows.Batch([("A", LogColumnType.String), ("bC", LogColumnType.String)]).Columns, b);
        Assert.NotEqual(a.WrittenSpan.ToArray(), b.WrittenSpan.ToArray());
    }

    private static byte[] Encode(LogBatch batch, int row)
    {
        var output = new ArrayBufferWriter<byte>();
        CanonicalRow.WriteRow(batch.Columns, row, output);
        return output.WrittenSpan.ToArray();
    }
}
