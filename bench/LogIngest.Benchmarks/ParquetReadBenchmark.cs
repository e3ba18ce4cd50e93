using System.Diagnostics;
using System.Globalization;
using LogIngest.Core.Verification;
using LogIngest.Local.Lake;
using LogIngest.Parquet;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Benchmarks;

/// <summary>
/// `parquet-read`: writes a lake-like table (TimeGenerated, low-cardinality operation, int64, unique
/// 64-bit composite_key; snappy) with our writer, then times reading each row's identity
/// (TimeGenerated, composite_key) as lake verification does (Parquet.Net through the lake port),
/// beside DuckDB in process reading the same two columns. Options: --rows N, --iterations N.
/// </summary>
internal static class ParquetReadBenchmark
{
    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("TimeGenerated", ParquetColumnType.Timestamp),
        new ParquetColumn("operation", ParquetColumnType.String),
        new ParquetColumn("bytes", ParquetColumnType.Int64),
        new ParquetColumn("composite_key", ParquetColumnType.Int64, IsNullable: false));

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var iterations = Option(args, "--iterations", 3);
        var root = Path.Combine(Path.GetTempPath(), "logingest-parquet-read-bench-" + Guid.NewGuid().ToString("N"));
        const string Key = "bench/t.parquet";
        var path = Path.Combine(root, "bench", "t.parquet");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await WriteAsync(path, rows);
            Console.WriteLine($"file: {rows:N0} rows x {Schema.Columns.Count} columns ({Schema}), snappy, {new FileInfo(path).Length:N0} bytes");
            var lake = new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = root });
            var reader = new ParquetLakeFileReader();

            // Warm up once, untimed.
            await ReadKeysAsync(reader, lake, Key);
            ReadKeysWithDuckDb(path);
            var netTimes = new List<double>();
            var duckTimes = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var (keys, netMs) = await ReadKeysAsync(reader, lake, Key);
                var (duckKeys, duckMs) = ReadKeysWithDuckDb(path);
                if (keys != rows || duckKeys != rows)
                {
                    Console.Error.WriteLine($"parquet-read: read {keys} keys with Parquet.Net and {duckKeys} with DuckDB, expected {rows}");
                    return 1;
                }

                netTimes.Add(netMs);
                duckTimes.Add(duckMs);
            }

            var netMedian = Median(netTimes);
            var duckMedian = Median(duckTimes);
            Console.WriteLine($"identities, Parquet.Net (verify's reader): median {netMedian:F0} ms ({rows / netMedian * 1000:N0} values/s) over [{Join(netTimes)}]");
            Console.WriteLine($"identities, DuckDB in process:           median {duckMedian:F0} ms ({rows / duckMedian * 1000:N0} values/s) over [{Join(duckTimes)}]");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"parquet-read rows={rows} parquetnet_key_ms={netMedian:F0} duckdb_key_ms={duckMedian:F0} ratio={netMedian / duckMedian:F2}"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
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
            batch.Timestamps(0).Append(start.AddTicks(row * 10L));
            batch.Strings(1).Append(operations[row % operations.Length]);
            batch.Int64s(2).Append(row * 31L);
            batch.Int64s(3).Append(unchecked(row * -7_046_029_254_386_353_131L));
            if (batch.RowCount == 100_000)
            {
                await writer.WriteAsync(batch);
                batch.Clear();
            }
        }

        await writer.WriteAsync(batch);
        await writer.CompleteAsync();
    }

    private static async Task<(long Count, double Milliseconds)> ReadKeysAsync(ParquetLakeFileReader reader, FileSystemLakeStore lake, string key)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        await reader.ScanAsync(lake, key, value => count += value.Key == 0 && value.TimeTicks == 0 ? 0 : 1);
        return (count, watch.Elapsed.TotalMilliseconds);
    }

    private static (long Count, double Milliseconds) ReadKeysWithDuckDb(string path)
    {
        var watch = Stopwatch.StartNew();
        using var connection = DuckDb.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"TimeGenerated\", composite_key FROM " + DuckDbParquet.Source(path);
        using var rows = command.ExecuteReader();
        long count = 0;
        while (rows.Read())
        {
            count += rows.GetDateTime(0).Ticks == 0 && rows.GetInt64(1) == 0 ? 0 : 1;
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
