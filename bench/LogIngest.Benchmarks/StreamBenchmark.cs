using System.Diagnostics;
using System.Globalization;
using System.Text;
using LogIngest.Core.Streaming;
using LogIngest.Local.Lake;
using LogIngest.Local.State;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Benchmarks;

/// <summary>
/// <c>stream</c>: NDJSON events of about 500 bytes (default 1,000,000) fed through <see cref="NdjsonStreamFeed"/>
/// and <see cref="StreamBatchProcessor"/> into a folder lake with SQLite watermarks (4 partitions,
/// batches of 10,000), beside DuckDB in process turning the same file into Parquet
/// (<c>read_ndjson_objects</c>: one JSON value per row, as our <c>raw_json</c>). Both read the file from
/// disk each time; each round runs both once on a fresh lake. Target: at least 100,000 events/s and a
/// ratio (ours/DuckDB) of at most 2.
/// </summary>
internal static class StreamBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = Option(args, "--events", 1_000_000);
        var rounds = Option(args, "--rounds", 3);
        var partitions = Option(args, "--partitions", 4);
        var batch = Option(args, "--batch", 10_000);
        var folder = Path.Combine(Path.GetTempPath(), "logingest-stream-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "events.ndjson");
            var bytes = WriteInput(input, events);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {events:N0} events, {bytes / (double)events:F0} bytes each on average, {bytes / 1e6:F1} MB; {partitions} partitions, batches of {batch:N0}"));
            using var duckDb = DuckDb.Open();
            var oursTimes = new List<double>();
            var duckTimes = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                var lake = Path.Combine(folder, "lake-" + round);
                var (ours, landed) = await FeedAsync(input, lake, partitions, batch);
                var duck = Time(() => Execute(duckDb, $"COPY (SELECT json FROM read_ndjson_objects({DuckDbSql.Literal(input)})) TO {DuckDbSql.Literal(Path.Combine(folder, "duck-" + round + ".parquet"))} (FORMAT parquet, COMPRESSION snappy)"));
                var read = DuckDbParquet.Count(Path.Combine(lake, "stream", "bench", "*", "*.parquet"));
                if (landed != events || read != events)
                {
                    throw new InvalidOperationException($"round {round}: {landed} events landed and {read} read back, for {events}.");
                }

                // Round 0 warms up (JIT, pools, DuckDB's first plan) and is not counted.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}{(round == 0 ? " (warm-up)" : string.Empty)}: ours {ours:F0} ms, duckdb {duck:F0} ms"));
                if (round > 0)
                {
                    oursTimes.Add(ours);
                    duckTimes.Add(duck);
                }
            }

            var (oursMedian, duckMedian) = (Median(oursTimes), Median(duckTimes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {rounds}: ours {oursMedian:F0} ms, duckdb {duckMedian:F0} ms; every event read back once by DuckDB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stream events_per_s={events / (oursMedian / 1000):F0} mb_per_s={bytes / 1e6 / (oursMedian / 1000):F1} ratio_vs_duckdb={oursMedian / duckMedian:F2}"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double Ms, long Landed)> FeedAsync(string input, string lakeFolder, int partitions, int batch)
    {
        var lake = new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = lakeFolder });
        using var state = new SqliteStateStore(new SqliteStateOptions { DatabasePath = lakeFolder + ".db" });
        var processor = new StreamBatchProcessor(lake, state, new StreamOptions(), TimeProvider.System);
        var watch = Stopwatch.StartNew();
        await using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var totals = await new NdjsonStreamFeed(processor, "bench", partitions, batch).FeedAsync(stream, new long[partitions], TimeProvider.System.GetUtcNow());
        return (watch.Elapsed.TotalMilliseconds, totals.Landed);
    }

    // Log-like events: a timestamp, a level, a service and host, ids, a nested user and a message padded to about 500 bytes.
    private static long WriteInput(string path, int events)
    {
        string[] levels = ["info", "info", "info", "warning", "error", "debug"];
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder(600);
        for (var i = 0; i < events; i++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture,
                $$"""{"time":"{{start.AddMilliseconds(i * 7.0):O}}","level":"{{levels[i % levels.Length]}}","service":"svc-{{i % 17}}","host":"host-{{i % 211:D3}}","trace_id":"{{(ulong)i * 0x9E3779B97F4A7C15UL:x16}}{{(ulong)(i + 1) * 0xC2B2AE3D27D4EB4FUL:x16}}","user":{"id":{{i % 100_003}},"name":"user-{{i % 100_003}}"},"status":{{200 + (i % 5 * 100)}},"duration_ms":{{(i % 997) / 10.0}},"message":"request {{i}} """);
            while (line.Length < 495)
            {
                line.Append("lorem ipsum ");
            }

            line.Append("\"}\n");
            writer.Write(line);
        }

        writer.Flush();
        return writer.BaseStream.Length;
    }

    private static void Execute(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
