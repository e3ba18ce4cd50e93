using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Local.Lake;
using LogIngest.Local.Simulation;
using Microsoft.Extensions.Options;

namespace LogIngest.Benchmarks;

/// <summary>
/// Ingests one window of the wide simulated table (default 500,000 rows, the API's cap) into a local
/// lake and reports time and peak memory: the process's peak working set and the sampled peak of the
/// managed heap. Beside it, in the same run: DuckDB in process converting the same rows from an NDJSON
/// file to a snappy Parquet file (the peer), and the window's write stage done by Parquet.Net instead
/// of our writer (the lake files read back, their columns written again with Parquet.Net, timed), so
/// the writer rule's end-to-end half is measured: our ingest against the same ingest with Parquet.Net's
/// write time in place of ours. Options: <c>--rows N</c> (target rows of the window).
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.Length >= 2 && args[0] == "--rows" ? long.Parse(args[1], CultureInfo.InvariantCulture) : 500_000;
        var day = new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc);
        var workspace = new SimulatedWorkspace(
            new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 2_000_000, MaxResultRows = target + 1, MaxResultBytes = long.MaxValue },
            new FixedClock(new DateTimeOffset(day.AddDays(5))));
        var window = await WindowOfAsync(workspace, day.AddHours(10).Ticks, target);
        var root = Path.Combine(Path.GetTempPath(), "logingest-bench-ingest-" + Guid.NewGuid().ToString("N"));
        try
        {
            var activity = new IngestWindowActivity(new Sources(workspace), new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = root }), Options.Create(new IngestWindowOptions()));
            var config = new LoadConfig { Id = "bench", Table = "OfficeActivity", Flatten = ["ExtendedProperties"] };

            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            using var sampler = new HeapSampler();
            var clock = Stopwatch.StartNew();
            var result = await activity.RunAsync(new IngestWindowInput(config, "bench", TimeAxis.TimeGenerated, window, null));
            clock.Stop();
            var peakHeap = sampler.Stop();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var peakWorkingSet = process.PeakWorkingSet64;

            Console.WriteLine($"window     {window} ({result.Rows:N0} rows, status {result.Status} {result.SplitReason})");
            Console.WriteLine($"files      {result.Files.Count}, {result.Bytes / 1e6:F1} MB Parquet, flattened {string.Join(", ", result.FlattenedColumns)}");
            Console.WriteLine($"time       {clock.Elapsed.TotalSeconds:F1} s (query+spill {result.QueryDuration.TotalSeconds:F1} s, write {result.WriteDuration.TotalSeconds:F1} s), {result.Rows / clock.Elapsed.TotalSeconds:N0} rows/s");
            Console.WriteLine($"memory     peak working set {peakWorkingSet / 1e6:F0} MB, peak managed heap {peakHeap / 1e6:F0} MB (baseline {baseline / 1e6:F0} MB)");

            // Peers, after our figures so they cannot disturb them.
            var files = Directory.GetFiles(root, "*.parquet", SearchOption.AllDirectories);
            var (oursEncode, parquetNetEncode) = await ParquetNetRewrite.WriteAsync(files, Path.Combine(root, "rewrite"));
            var ours = clock.Elapsed.TotalSeconds;
            var withParquetNet = ours - oursEncode + parquetNetEncode;
            Console.WriteLine($"writer     the window's columns written again from memory: ours {oursEncode:F2} s, Parquet.Net {parquetNetEncode:F2} s; ingest end to end {ours:F2} s with ours, {withParquetNet:F2} s with Parquet.Net's instead");
            var duck = await NdJson.DuckDbConvertAsync(workspace, window, root, result.Rows);
            Console.WriteLine($"duckdb     NDJSON ({duck.InputBytes / 1e6:F0} MB) → snappy Parquet {duck.Seconds:F2} s, {duck.Bytes / 1e6:F1} MB ({duck.Bytes / (double)result.Rows:F1} bytes/row; ours {result.Bytes / (double)result.Rows:F1} with the key and flattened columns)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"benchmark=ingest rows={result.Rows} files={result.Files.Count} parquet_mb={result.Bytes / 1e6:F1} seconds={ours:F1} rows_per_s={result.Rows / ours:F0} peak_working_set_mb={peakWorkingSet / 1e6:F0} peak_heap_mb={peakHeap / 1e6:F0} " +
                $"encode_s={oursEncode:F2} parquetnet_encode_s={parquetNetEncode:F2} e2e_ratio_parquetnet_over_ours={withParquetNet / ours:F2} duckdb_s={duck.Seconds:F2} ratio_vs_duckdb={ours / duck.Seconds:F2} bytes_per_row={result.Bytes / (double)result.Rows:F1} duckdb_bytes_per_row={duck.Bytes / (double)result.Rows:F1}"));
            return result.Status == WindowStatus.Completed ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    // The window from `start` holding about `target` rows, found from cheap counts.
    private static async Task<Interval> WindowOfAsync(SimulatedWorkspace workspace, long start, long target)
    {
        long lo = start + 1, hi = start + TimeSpan.TicksPerDay;
        while (hi - lo > TimeSpan.TicksPerMinute)
        {
            var mid = lo + ((hi - lo) / 2);
            var count = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, new Interval(start, mid)));
            if (count > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return new Interval(start, lo);
    }

    private sealed class Sources(ILogSource source) : ILogSourceFactory
    {
        public ILogSource ForConfig(LoadConfig config) => source;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // Samples the managed heap every 20 ms: GC.GetTotalMemory without a collection shows what is live plus garbage not yet collected.
    private sealed class HeapSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _task;

        public HeapSampler() => _task = Task.Run(async () =>
        {
            long peak = 0;
            while (!_stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return peak;
        });

        public long Stop()
        {
            _stop.Cancel();
            return _task.GetAwaiter().GetResult();
        }

        public void Dispose() => _stop.Dispose();
    }
}
