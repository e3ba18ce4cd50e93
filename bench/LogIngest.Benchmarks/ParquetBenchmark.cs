using LogIngest.TestSupport.Streams;
using System.Diagnostics;
using System.Globalization;
using LogIngest.Parquet;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Benchmarks;

/// <summary>
/// `parquet`: writes the same 1,000,000-row table (string, int64, double, bool, timestamp; all
/// nullable) with our writer and with DuckDB, timing only the write of an in-memory table to a file
/// on both sides, then measures the writer's peak managed memory over 3,000,000 rows.
/// Options: --rows N, --iterations N, --rounds N.
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
            var batches = BuildTable(rows, 100_000);
            var ours = Path.Combine(folder, "ours.parquet");
            var duck = Path.Combine(folder, "duckdb.parquet");
            Console.WriteLine($"table: {rows:N0} rows x {Schema.Columns.Count} nullable columns ({Schema}), snappy");

            // Warm up (JIT, pools) once, untimed.
            await WriteOursAsync(batches, ours);
            var oursTimes = new List<double>();
            var duckTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < iterations; i++)
                {
                    oursTimes.Add(await WriteOursAsync(batches, ours));
                }

                // DuckDB loads the very same rows (from our file) into an in-memory table, then
                // times COPY ... TO of that table. The first COPY warms up and is not counted.
                var statements = new List<string>
                {
                    "CREATE TABLE t AS SELECT * FROM read_parquet(" + DuckDbSql.Literal(ours) + ")",
                    "COPY t TO " + DuckDbSql.Literal(duck) + " (FORMAT parquet, COMPRESSION snappy)",
                };
                statements.AddRange(Enumerable.Repeat(statements[1], iterations));
                var results = await DuckDbSql.RunAsync(statements, TimeSpan.FromMinutes(10));
                duckTimes.AddRange(results.Skip(2).Select(r => r.Milliseconds));
                Console.WriteLine($"round {round + 1}: ours ms [{Join(oursTimes.TakeLast(iterations))}]  duckdb ms [{Join(duckTimes.TakeLast(iterations))}]");
            }

            var oursSize = new FileInfo(ours).Length;
            var duckSize = new FileInfo(duck).Length;
            await VerifyAsync(ours, duck, rows);
            Console.WriteLine($"file size: ours {oursSize:N0} bytes, duckdb {duckSize:N0} bytes");

            batches = null;
            GC.Collect();
            var memory = await MeasureMemoryAsync(3_000_000);
            Console.WriteLine(
                $"memory over 3,000,000 rows: peak live managed {memory.PeakLive / 1e6:F1} MB (at batch boundaries, after full GC), " +
                $"peak heap incl. garbage {memory.PeakHeap / 1e6:F1} MB; one row group encoded {memory.RowGroupBytes / 1e6:F1} MB " +
                $"=> live/row-group {memory.PeakLive / (double)memory.RowGroupBytes:F2}x");

            var oursMedian = Median(oursTimes);
            var duckMedian = Median(duckTimes);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"parquet-write ours_ms={oursMedian:F1} duckdb_ms={duckMedian:F1} ratio={oursMedian / duckMedian:F2} size_ratio={oursSize / (double)duckSize:F3}"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<ParquetBatch> BuildTable(int rows, int batchRows)
    {
        // Log-like values: a few hundred operation names, skewed sizes, durations with 3 decimals,
        // mostly-true flags, timestamps a few ms apart; ~5% nulls in every column.
        string[] operations = Enumerable.Range(0, 400)
            .Select(i => $"{(i % 4 == 0 ? "FileAccessed" : i % 4 == 1 ? "UserLoggedIn" : i % 4 == 2 ? "MailItemsAccessed" : "Set-Mailbox")}/{i:D3}")
            .ToArray();
        var random = new Random(42);
        var batches = new List<ParquetBatch>();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var micros = ParquetTimestampBuffer.ToUnixMicroseconds(start.UtcTicks);
        for (var first = 0; first < rows; first += batchRows)
        {
            var count = Math.Min(batchRows, rows - first);
            var batch = new ParquetBatch(Schema, count);
            for (var i = 0; i < count; i++)
            {
                micros += random.Next(0, 5000);
                var operation = batch.Strings(0);
                if (random.Next(20) == 0)
                {
                    operation.AppendNull();
                }
                else
                {
                    operation.Append(operations[(int)(Math.Pow(random.NextDouble(), 3) * operations.Length)]);
                }

                batch.Int64s(1).Append(random.Next(20) == 0 ? null : (long)Math.Pow(2, random.NextDouble() * 30));
                batch.Doubles(2).Append(random.Next(20) == 0 ? null : Math.Round(random.NextDouble() * 2000, 3));
                batch.Booleans(3).Append(random.Next(20) == 0 ? null : random.Next(10) != 0);
                batch.Timestamps(4).Append(random.Next(20) == 0 ? null : micros);
            }

            batches.Add(batch);
        }

        return batches;
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

    private static async Task VerifyAsync(string ours, string duck, int rows)
    {
        // Both files must hold the same rows: compare DuckDB's aggregates of each.
        var inspections = await ParquetInspector.ReadAsync(
        [
            new ParquetReadRequest(ours, [ParquetReaders.DuckDb], Aggregate: true),
            new ParquetReadRequest(duck, [ParquetReaders.DuckDb], Aggregate: true),
        ]);
        if (inspections.Any(i => i.Error is not null || i.RowCount != rows)
            || !inspections[0].Aggregate.All(a => Same(a.Value, inspections[1].Aggregate[a.Key])))
        {
            throw new InvalidOperationException("Our file and DuckDB's differ: " + string.Join(" | ", inspections.Select(i => i.Error ?? string.Join(", ", i.Aggregate))));
        }
    }

    // DuckDB sums doubles in parallel, so the last digits of a sum vary from run to run.
    private static bool Same((long NonNull, string Sum) a, (long NonNull, string Sum) b) =>
        a.NonNull == b.NonNull && (a.Sum == b.Sum || (double.TryParse(a.Sum, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(b.Sum, CultureInfo.InvariantCulture, out var y) && Math.Abs(x - y) <= 1e-9 * Math.Abs(x)));

    private static async Task<(long PeakLive, long PeakHeap, long RowGroupBytes)> MeasureMemoryAsync(int rows)
    {
        var batch = BuildTable(100_000, 100_000)[0];
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
