using System.Diagnostics;
using System.Globalization;
using LogIngest.Parquet;

namespace LogIngest.Benchmarks;

/// <summary>
/// `parquet-read`: writes a lake-like table (unique composite_key, low-cardinality operation, int64,
/// timestamp; snappy) with our writer, then times the reader on it: the composite_key column alone
/// (what lake verification reads) and every row boxed. Options: --rows N, --iterations N.
/// </summary>
internal static class ParquetReadBenchmark
{
    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("composite_key", ParquetColumnType.String, IsNullable: false),
        new ParquetColumn("operation", ParquetColumnType.String),
        new ParquetColumn("bytes", ParquetColumnType.Int64),
        new ParquetColumn("time_generated", ParquetColumnType.Timestamp));

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var iterations = Option(args, "--iterations", 3);
        var path = Path.Combine(Path.GetTempPath(), "logingest-parquet-read-bench-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            await WriteAsync(path, rows);
            Console.WriteLine($"file: {rows:N0} rows x {Schema.Columns.Count} columns ({Schema}), snappy, {new FileInfo(path).Length:N0} bytes");

            // Warm up once, untimed.
            await ReadKeysAsync(path);
            var keyTimes = new List<double>();
            var rowTimes = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var (keys, keyMs) = await ReadKeysAsync(path);
                var (all, rowMs) = await ReadRowsAsync(path);
                if (keys != rows || all != rows)
                {
                    Console.Error.WriteLine($"read {keys} keys and {all} rows, expected {rows}");
                    return 1;
                }

                keyTimes.Add(keyMs);
                rowTimes.Add(rowMs);
            }

            var keyMedian = Median(keyTimes);
            var rowMedian = Median(rowTimes);
            Console.WriteLine($"composite_key column: median {keyMedian:F0} ms ({rows / keyMedian * 1000:N0} values/s) over [{Join(keyTimes)}]");
            Console.WriteLine($"all rows (boxed):     median {rowMedian:F0} ms ({rows / rowMedian * 1000:N0} rows/s) over [{Join(rowTimes)}]");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"rows={rows} key_ms={keyMedian:F0} key_values_per_s={rows / keyMedian * 1000:F0} rows_ms={rowMedian:F0} rows_per_s={rows / rowMedian * 1000:F0}"));
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteAsync(string path, int rows)
    {
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, file);
        var batch = new ParquetBatch(Schema, 100_000);
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        string?[] operations = ["read", "write", "delete", "list", null];
        for (var row = 0; row < rows; row++)
        {
            batch.Strings(0).Append(string.Create(CultureInfo.InvariantCulture, $"ws-01|table|{start.AddTicks(row * 10L):O}|{row:x8}"));
            batch.Strings(1).Append(operations[row % operations.Length]);
            batch.Int64s(2).Append(row * 31L);
            batch.Timestamps(3).Append(start.AddTicks(row * 10L));
            if (batch.RowCount == 100_000)
            {
                await writer.WriteAsync(batch);
                batch.Clear();
            }
        }

        await writer.WriteAsync(batch);
        await writer.CompleteAsync();
    }

    private static async Task<(long Count, double Milliseconds)> ReadKeysAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        using var reader = await ParquetFileReader.OpenAsync(path);
        long count = 0;
        await foreach (var key in reader.ReadStringsAsync("composite_key"))
        {
            count += key is null ? 0 : 1;
        }

        return (count, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<(long Count, double Milliseconds)> ReadRowsAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        using var reader = await ParquetFileReader.OpenAsync(path);
        long count = 0;
        await foreach (var row in reader.ReadRowsAsync())
        {
            count += row.Length > 0 ? 1 : 0;
        }

        return (count, watch.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
