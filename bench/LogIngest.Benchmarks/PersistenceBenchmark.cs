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
/// The peer: the same checkpoints upserted into an embedded DuckDB database file by 64 writers, and
/// its coverage read back, as one would keep state in DuckDB instead of SQLite.
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
            var (duckRate, duckRead) = DuckDbCheckpoints(Path.Combine(folder, "state.duckdb"), checkpoints);

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
                $"persistence sqlite_checkpoints_per_s={sqliteRate:F0} sqlite_coverage_read_ms={sqliteRead:F2} duckdb_checkpoints_per_s={duckRate:F0} duckdb_coverage_read_ms={duckRead:F2} cosmos_checkpoints_per_s={cosmosRate:F0} cosmos_coverage_read_ms={cosmosRead:F2} folder_put_mb_s={fsRate:F0} blob_put_mb_s={blobRate:F0} blob_list_5050_ms={listMs:F0}"));
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

    // The peer: the same checkpoints as rows of a DuckDB table keyed like ours, 64 writers each on its own connection.
    private static (double PerSecond, double ReadMs) DuckDbCheckpoints(string path, int count)
    {
        var t0 = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        using var first = Open(path);
        Execute(first, "CREATE TABLE checkpoints (config_id VARCHAR, axis VARCHAR, start_ticks BIGINT, end_ticks BIGINT, run_id VARCHAR, PRIMARY KEY (config_id, axis, start_ticks, end_ticks))");
        var connections = new System.Collections.Concurrent.ConcurrentBag<DuckDB.NET.Data.DuckDBConnection>(Enumerable.Range(0, 64).Select(_ => Open(path)));
        var timer = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 64 }, i =>
        {
            if (!connections.TryTake(out var connection))
            {
                throw new InvalidOperationException("more writers than connections");
            }

            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO checkpoints VALUES ('bench', 'TimeGenerated', $start, $end, 'bench')";
                command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("start", t0 + (i * 2L)));
                command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("end", t0 + (i * 2L) + 1));
                command.ExecuteNonQuery();
            }
            finally
            {
                connections.Add(connection);
            }
        });
        var perSecond = count / timer.Elapsed.TotalSeconds;

        var reads = new List<double>();
        var intervals = 0;
        for (var i = 0; i < 20; i++)
        {
            timer.Restart();
            var builder = new List<Interval>();
            using var command = first.CreateCommand();
            command.CommandText = "SELECT start_ticks, end_ticks FROM checkpoints WHERE config_id = 'bench' AND axis = 'TimeGenerated' ORDER BY start_ticks";
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    builder.Add(new Interval(reader.GetInt64(0), reader.GetInt64(1)));
                }
            }

            intervals = IntervalSet.Of(builder).Intervals.Count;
            reads.Add(timer.Elapsed.TotalMilliseconds);
        }

        foreach (var connection in connections)
        {
            connection.Dispose();
        }

        reads.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb: {count:N0} checkpoints by 64 writers at {perSecond:F0}/s; coverage ({intervals:N0} disjoint intervals) read in {reads[10]:F2} ms (median of 20)"));
        return intervals == count ? (perSecond, reads[10]) : throw new InvalidOperationException($"duckdb: coverage holds {intervals} intervals, expected {count}.");
    }

    // Connections to one file in one process share its database (DuckDB.NET keeps one instance per path).
    private static DuckDB.NET.Data.DuckDBConnection Open(string path)
    {
        var connection = new DuckDB.NET.Data.DuckDBConnection($"DataSource={path}");
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
