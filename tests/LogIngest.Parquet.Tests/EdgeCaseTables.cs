namespace LogIngest.Parquet.Tests;

/// <summary>Tables whose values sit at the edges of each type.</summary>
internal static class EdgeCaseTables
{
    public static readonly string OneMegabyteString = string.Concat(Enumerable.Repeat("😀0123456789abcdéf", 1024 * 1024 / 20)) + "end"; // sorts last: its row group gets no string min/max

    public static readonly ParquetSchema EveryTypeSchema = new(
        new ParquetColumn("s", ParquetColumnType.String),
        new ParquetColumn("j", ParquetColumnType.Json),
        new ParquetColumn("i32", ParquetColumnType.Int32),
        new ParquetColumn("i64", ParquetColumnType.Int64),
        new ParquetColumn("d", ParquetColumnType.Double),
        new ParquetColumn("b", ParquetColumnType.Boolean),
        new ParquetColumn("ts", ParquetColumnType.Timestamp),
        new ParquetColumn("rs", ParquetColumnType.String, IsNullable: false),
        new ParquetColumn("rj", ParquetColumnType.Json, IsNullable: false),
        new ParquetColumn("ri32", ParquetColumnType.Int32, IsNullable: false),
        new ParquetColumn("ri64", ParquetColumnType.Int64, IsNullable: false),
        new ParquetColumn("rd", ParquetColumnType.Double, IsNullable: false),
        new ParquetColumn("rb", ParquetColumnType.Boolean, IsNullable: false),
        new ParquetColumn("rts", ParquetColumnType.Timestamp, IsNullable: false),
        new ParquetColumn("all_null_s", ParquetColumnType.String),
        new ParquetColumn("all_null_i64", ParquetColumnType.Int64),
        new ParquetColumn("all_null_d", ParquetColumnType.Double));

    public static readonly string[] Strings =
    [
        string.Empty, "a", "héllo wörld", "日本語のテキスト", "emoji 😀 and 𝄞 (4-byte code points)", "\u0000nul inside",
        "quote \" backslash \\ newline \n tab \t", "zz", "A", "a", "ÿ last latin-1",
    ];

    public static readonly string[] Json =
    [
        "{}", "[]", "{\"a\":1,\"b\":[true,null]}", "\"text\"", "null", "{\"u\":\"😀\"}", "123.5",
    ];

    public static readonly int[] Int32s = [int.MinValue, int.MaxValue, 0, -1, 1, 42];

    public static readonly long[] Int64s = [long.MinValue, long.MaxValue, 0, -1, 1, 9_007_199_254_740_993];

    public static readonly double[] Doubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.MaxValue, double.MinValue,
        double.Epsilon, -1.5, 1e-300, 0.1,
    ];

    public static readonly bool[] Booleans = [true, false, false, true, true];

    public static readonly Micros[] Timestamps =
    [
        new(ParquetTimestampBuffer.ToUnixMicroseconds(DateTime.MinValue.Ticks)),
        new(ParquetTimestampBuffer.ToUnixMicroseconds(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc).Ticks + 9_999_990)),
        new(0),
        new(-1),
        new(1_732_190_400_123_456),
    ];

    /// <summary>
    /// Rows of <see cref="EveryTypeSchema"/>: each nullable column is null where (row + column) % 4 == 0,
    /// so nulls land in every position (first, last, runs, page and row-group edges).
    /// </summary>
    public static TestTable EveryType(int rows)
    {
        var list = new List<object?[]>(rows);
        for (var r = 0; r < rows; r++)
        {
            object?[] values =
            [
                Strings[r % Strings.Length], Json[r % Json.Length], Int32s[r % Int32s.Length], Int64s[r % Int64s.Length],
                Doubles[r % Doubles.Length], Booleans[r % Booleans.Length], Timestamps[r % Timestamps.Length],
                Strings[(r + 3) % Strings.Length], Json[(r + 1) % Json.Length], Int32s[(r + 1) % Int32s.Length],
                Int64s[(r + 1) % Int64s.Length], Doubles[(r + 1) % Doubles.Length], Booleans[(r + 1) % Booleans.Length],
                Timestamps[(r + 1) % Timestamps.Length], null, null, null,
            ];
            if (r == 5)
            {
                // One 1 MB value per file is enough (the readers' JSON of it is the costly part).
                values[0] = OneMegabyteString;
            }

            for (var c = 0; c < 7; c++)
            {
                if ((r + c) % 4 == 0)
                {
                    values[c] = null;
                }
            }

            list.Add(values);
        }

        return new TestTable(EveryTypeSchema, list);
    }
}
