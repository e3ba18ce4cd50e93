namespace LogIngest.Parquet.Tests.Reading;

/// <summary>Writes test tables to memory with the project's writer and reads them back with the reader.</summary>
internal static class ReaderTestFiles
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static async Task<byte[]> WriteAsync(TestTable table, ParquetWriterOptions? options = null, int batchSize = 1000)
    {
        using var memory = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(table.Schema, memory, options))
        {
            var batch = new ParquetBatch(table.Schema);
            for (var start = 0; start < table.Rows.Count; start += batchSize)
            {
                batch.Clear();
                foreach (var row in table.Rows.Skip(start).Take(batchSize))
                {
                    TestTable.Fill(batch, row);
                }

                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        return memory.ToArray();
    }

    public static async Task<List<object?[]>> ReadRowsAsync(ParquetFileReader reader)
    {
        var rows = new List<object?[]>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> values)
    {
        var list = new List<T>();
        await foreach (var value in values)
        {
            list.Add(value);
        }

        return list;
    }

    /// <summary>The value the reader returns for a value the test table wrote (timestamps become UTC DateTimes).</summary>
    public static object? Expected(object? written) => written switch
    {
        Micros m => new DateTime(UnixEpochTicks + (m.Value * 10), DateTimeKind.Utc),
        _ => written,
    };

    /// <summary>Asserts the reader returned exactly the table's rows, typed as the reader promises.</summary>
    public static void AssertRows(TestTable table, IReadOnlyList<object?[]> actual)
    {
        Assert.Equal(table.Rows.Count, actual.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            Assert.Equal(table.Schema.Columns.Count, actual[r].Length);
            for (var c = 0; c < table.Schema.Columns.Count; c++)
            {
                AssertValue(Expected(table.Rows[r][c]), actual[r][c], $"row {r}, column '{table.Schema.Columns[c].Name}'");
            }
        }
    }

    public static void AssertValue(object? expected, object? actual, string where)
    {
        var ok = (expected, actual) switch
        {
            (null, null) => true,
            (double e, double a) => BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a),
            (DateTime e, DateTime a) => e == a && a.Kind == DateTimeKind.Utc,
            ({ } e, { } a) => e.GetType() == a.GetType() && e.Equals(a),
            _ => false,
        };
        Assert.True(ok, $"{where}: expected {Describe(expected)}, got {Describe(actual)}");
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string \"{(s.Length > 60 ? s[..60] + "..." : s)}\" ({s.Length} chars)",
        DateTime d => $"DateTime {d:O} ({d.Kind})",
        _ => $"{value.GetType().Name} {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
    };
}
