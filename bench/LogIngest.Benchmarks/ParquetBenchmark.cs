using System.Diagnostics;
using System.Globalization;
using LogIngest.Parquet;
using LogIngest.TestSupport.Parquet;
using LogIngest.TestSupport.Streams;

namespace LogIngest.Benchmarks;

/// <summary>
/// `parquet`: writes the same 1,000,000-row table (string, int64, double, bool, timestamp; all
/// nullable; snappy) with our writer, with Parquet.Net and with DuckDB (in process), timing only
/// the write of an in-memory table to a file on each side, then measures our writer's peak managed
/// memory over 3,000,000 rows. Options: --rows N, --iterations N, --rounds N.
/// </summary>
internal static class ParquetBenchmark
{
    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("operation", ParquetColumnType.String),
        new ParquetColumn("bytes", ParquetColumnType.Int64),
        new ParquetColumn("duration", ParquetColumnType.Double),
        new ParquetColumn("success", ParquetColumnType.Boolean),
        new ParquetColumn("time_generated", ParquetColumnType.Timestamp));

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var iterations = Option(args, "--iterations", 5);
        var rounds = Option(args, "--rounds", 2);
        var folder = Path.Combine(Path.GetTempPath(), "logingest-parquet-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var table = LogTable.Build(rows);
            var batches = table.ToBatches(Schema, 100_000);
            var net = ParquetNetTable.From(table);
            var ours = Path.Combine(folder, "ours.parquet");
            var parquetNet = Path.Combine(folder, "parquetnet.parquet");
            var duck = Path.Combine(folder, "duckdb.parquet");
            Console.WriteLine($"table: {rows:N0} rows x {Schema.Columns.Count} nullable columns ({Schema}), snappy");

            // Warm up (JIT, pools) once, untimed; DuckDB loads the very same rows from our file into an in-memory table.
            await WriteOursAsync(batches, ours);
            await net.WriteAsync(parquetNet);
            using var duckDb = DuckDb.Open();
            Execute(duckDb, "CREATE TABLE t AS SELECT * FROM " + DuckDbParquet.Source(ours));
            var copy = "COPY t TO " + DuckDbSql.Literal(duck) + " (FORMAT parquet, COMPRESSION snappy)";
            Execute(duckDb, copy);

            var oursTimes = new List<double>();
            var netTimes = new List<double>();
            var duckTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < iterations; i++)
                {
                    oursTimes.Add(await WriteOursAsync(batches, ours));
                    netTimes.Add(await net.WriteAsync(parquetNet));
                    duckTimes.Add(Execute(duckDb, copy));
                }

                Console.WriteLine($"round {round + 1}: ours ms [{Join(oursTimes.TakeLast(iterations))}]  parquet.net ms [{Join(netTimes.TakeLast(iterations))}]  duckdb ms [{Join(duckTimes.TakeLast(iterations))}]");
            }

            var oursSize = new FileInfo(ours).Length;
            var netSize = new FileInfo(parquetNet).Length;
            var duckSize = new FileInfo(duck).Length;
            VerifySameRows(rows, ours, parquetNet, duck);
            Console.WriteLine($"file size: ours {oursSize:N0} bytes, parquet.net {netSize:N0} bytes, duckdb {duckSize:N0} bytes");

            batches = null;
            net = null;
            GC.Collect();
            var memory = await MeasureMemoryAsync(3_000_000);
            Console.WriteLine(
                $"memory over 3,000,000 rows: peak live managed {memory.PeakLive / 1e6:F1} MB (at batch boundaries, after full GC), " +
                $"peak heap incl. garbage {memory.PeakHeap / 1e6:F1} MB; one row group encoded {memory.RowGroupBytes / 1e6:F1} MB " +
                $"=> live/row-group {memory.PeakLive / (double)memory.RowGroupBytes:F2}x");

            var oursMedian = Median(oursTimes);
            var netMedian = Median(netTimes);
            var duckMedian = Median(duckTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours vs parquet.net: {netMedian / oursMedian:F2}x faster (median), size ours/parquet.net {oursSize / (double)netSize:F3}"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"parquet-write ours_ms={oursMedian:F1} parquetnet_ms={netMedian:F1} duckdb_ms={duckMedian:F1} ratio={oursMedian / duckMedian:F2} size_ratio={oursSize / (double)duckSize:F3}"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> WriteOursAsync(List<ParquetBatch> batches, string path)
    {
        var watch = Stopwatch.StartNew();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
        await using (var writer = await ParquetWriter.CreateAsync(Schema, file))
        {
            foreach (var batch in batches)
            {
                await writer.WriteAsync(batch);
            }

            await writer.CompleteAsync();
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Execute(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        var watch = Stopwatch.StartNew();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void VerifySameRows(int rows, params string[] files)
    {
        // Every file must hold the same rows: compare DuckDB's per-column counts and sums of each.
        const string Aggregates = "count(*), count(operation), sum(strlen(operation)), count(bytes), sum(bytes)::VARCHAR, count(duration), sum(duration), " +
                                  "count(success), sum(success::INTEGER), count(time_generated), sum(epoch_us(time_generated))::VARCHAR";
        var read = files.Select(f => DuckDbParquet.Query($"SELECT {Aggregates} FROM {DuckDbParquet.Source(f)}").Rows[0]).ToList();
        foreach (var (values, file) in read.Zip(files))
        {
            if (Convert.ToInt64(values[0], CultureInfo.InvariantCulture) != rows || !values.Zip(read[0]).All(v => Same(v.First, v.Second)))
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} differs from ours: [{string.Join(", ", values)}] vs [{string.Join(", ", read[0])}]");
            }
        }
    }

    // DuckDB sums doubles in parallel, so the last digits of a sum vary from run to run.
    private static bool Same(object? a, object? b) =>
        Equals(a, b) || (a is double x && b is double y && Math.Abs(x - y) <= 1e-9 * Math.Abs(x));

    private static async Task<(long PeakLive, long PeakHeap, long RowGroupBytes)> MeasureMemoryAsync(int rows)
    {
        var batch = LogTable.Build(100_000).ToBatches(Schema, 100_000)[0];
        await using var stream = new ForwardOnlyStream(Stream.Null); // counts bytes like an upload stream, minus the network
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakLive = 0;
        long peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false) - baseline);
                await Task.Delay(2);
            }
        });

        int rowGroups;
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream))
        {
            for (var written = 0; written < rows; written += batch.RowCount)
            {
                await writer.WriteAsync(batch);
                peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }

            await writer.CompleteAsync();
            rowGroups = writer.RowGroupCount;
        }

        await stop.CancelAsync();
        await sampler;
        return (peakLive, peakHeap, stream.Written / rowGroups);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Join(IEnumerable<double> values) => string.Join(" ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
