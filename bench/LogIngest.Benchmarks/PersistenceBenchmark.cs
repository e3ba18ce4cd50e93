using System.Diagnostics;
using System.Globalization;
using LogIngest.Azure.Blob;
using LogIngest.Azure.Cosmos;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Local.Lake;
using LogIngest.Local.State;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Benchmarks;

/// <summary>
/// <c>persistence</c>: checkpoint writes per second with 64 concurrent writers on one config and the
/// cost of reading coverage afterwards (SQLite, and Cosmos on the local Cosmos server); lake put
/// throughput of one large file (local folder, and Blob by blocks on Azurite); listing 5,050 blobs.
/// Options: <c>--checkpoints N</c> (default 5000), <c>--megabytes N</c> (default 512).
/// </summary>
internal static class PersistenceBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (await TestServerPackages.EnsureAsync("persistence") is { } missing)
        {
            Console.Error.WriteLine(missing);
            return 2;
        }

        var checkpoints = Option(args, "--checkpoints", 5_000);
        var megabytes = Option(args, "--megabytes", 512);
        var folder = Path.Combine(Path.GetTempPath(), "logingest-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var sqlite = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(folder, "state.db") });
            var (sqliteRate, sqliteRead) = await CheckpointsAsync("sqlite", sqlite, checkpoints);

            var cosmosServer = new CosmosServerFixture();
            await cosmosServer.InitializeAsync();
            double cosmosRate, cosmosRead;
            try
            {
                using var cosmos = new CosmosStateStore(new CosmosStateOptions { AccountEndpoint = cosmosServer.Endpoint, AccountKey = cosmosServer.Key });
                (cosmosRate, cosmosRead) = await CheckpointsAsync("cosmos-server", cosmos, Math.Min(checkpoints, 2_000));
            }
            finally
            {
                await cosmosServer.DisposeAsync();
            }

            var fsRate = await PutAsync("folder", new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = Path.Combine(folder, "lake") }), megabytes);

            var azurite = new AzuriteFixture();
            await azurite.InitializeAsync();
            double blobRate, listMs;
            try
            {
                var blob = new BlobLakeStore(new BlobLakeOptions { ConnectionString = azurite.ConnectionString, ContainerName = "bench" });
                blobRate = await PutAsync("azurite", blob, megabytes);
                listMs = await ListAsync(blob, 5_050);
            }
            finally
            {
                await azurite.DisposeAsync();
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"persistence sqlite_checkpoints_per_s={sqliteRate:F0} sqlite_coverage_read_ms={sqliteRead:F2} cosmos_checkpoints_per_s={cosmosRate:F0} cosmos_coverage_read_ms={cosmosRead:F2} folder_put_mb_s={fsRate:F0} blob_put_mb_s={blobRate:F0} blob_list_5050_ms={listMs:F0}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double PerSecond, double ReadMs)> CheckpointsAsync(string name, IStateStore store, int count)
    {
        var t0 = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var timer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
            await store.RecordWindowAsync(
                new WindowCheckpoint { ConfigId = "bench", Axis = TimeAxis.TimeGenerated, Window = new Interval(t0 + (i * 2L), t0 + (i * 2L) + 1), RunId = "bench" },
                ct));
        var perSecond = count / timer.Elapsed.TotalSeconds;

        var reads = new List<double>();
        IntervalSet coverage = IntervalSet.Empty;
        for (var i = 0; i < 20; i++)
        {
            timer.Restart();
            coverage = await store.GetCoverageAsync("bench", TimeAxis.TimeGenerated);
            reads.Add(timer.Elapsed.TotalMilliseconds);
        }

        reads.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {count:N0} checkpoints by 64 writers at {perSecond:F0}/s; coverage ({coverage.Intervals.Count:N0} disjoint intervals) read in {reads[10]:F2} ms (median of 20)"));
        if (coverage.Intervals.Count != count)
        {
            throw new InvalidOperationException($"{name}: coverage holds {coverage.Intervals.Count} intervals, expected {count}.");
        }

        return (perSecond, reads[10]);
    }

    private static async Task<double> PutAsync(string name, ILakeStore lake, int megabytes)
    {
        var chunk = new byte[1024 * 1024];
        new Random(1).NextBytes(chunk);
        var timer = Stopwatch.StartNew();
        await lake.PutAsync("bench/large.bin", async (stream, ct) =>
        {
            for (var i = 0; i < megabytes; i++)
            {
                await stream.WriteAsync(chunk, ct);
            }
        });
        var rate = megabytes / timer.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: put {megabytes} MB in {timer.Elapsed.TotalSeconds:F1} s ({rate:F0} MB/s)"));
        return rate;
    }

    private static async Task<double> ListAsync(BlobLakeStore lake, int count)
    {
        var timer = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await lake.PutAsync(string.Create(CultureInfo.InvariantCulture, $"many/f{i:D5}"), async (s, c) => await s.WriteAsync(new byte[] { 1 }, c), ct));
        var putSeconds = timer.Elapsed.TotalSeconds;
        timer.Restart();
        var listed = 0;
        await foreach (var _ in lake.ListAsync("many/"))
        {
            listed++;
        }

        var listMs = timer.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"azurite: {count:N0} small puts in {putSeconds:F1} s ({count / putSeconds:F0}/s); listed {listed:N0} in {listMs:F0} ms"));
        return listMs;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
