using System.Diagnostics;
using System.Globalization;
using LogIngest.Azure.Cosmos;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Local.State;
using LogIngest.TestSupport.QuerySlots;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Benchmarks;

/// <summary>
/// <c>query-slots</c>: what the app-wide query slot adds to each query (lease and release around a
/// query that takes no time), one query at a time and five at a time, with the process cap only,
/// SQLite slots, and Cosmos slots on the local Cosmos server. Option: <c>--queries N</c> (default 300).
/// </summary>
internal static class QuerySlotsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var queries = args is ["--queries", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 300;
        var folder = Path.Combine(Path.GetTempPath(), "logingest-bench-slots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (local1, local5) = await MeasureAsync("process cap only", null, queries);

            using var sqlite = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(folder, "state.db") });
            var (sqlite1, sqlite5) = await MeasureAsync("sqlite slots", sqlite, queries);

            var server = new CosmosServerFixture();
            await server.InitializeAsync();
            double cosmos1, cosmos5;
            try
            {
                using var cosmos = new CosmosStateStore(new CosmosStateOptions { AccountEndpoint = server.Endpoint, AccountKey = server.Key });
                (cosmos1, cosmos5) = await MeasureAsync("cosmos-server slots", cosmos, queries);
            }
            finally
            {
                await server.DisposeAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"query-slots local_ms={local1:F3} local_5_ms={local5:F3} sqlite_ms={sqlite1:F3} sqlite_5_ms={sqlite5:F3} cosmos_ms={cosmos1:F3} cosmos_5_ms={cosmos5:F3}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Milliseconds per query through the gate: one at a time, then five callers at once (per query, wall time / queries).</summary>
    private static async Task<(double One, double Five)> MeasureAsync(string name, IQuerySlotStore? slots, int queries)
    {
        using var gate = new QueryGate(5, slots);
        var source = gate.Wrap(new InFlightSource());
        for (var i = 0; i < 20; i++)
        {
            await source.CountAsync(InFlightSource.Query(0)); // warm-up: connections, schema, JIT
        }

        var timer = Stopwatch.StartNew();
        for (var i = 0; i < queries; i++)
        {
            await source.CountAsync(InFlightSource.Query(0));
        }

        var one = timer.Elapsed.TotalMilliseconds / queries;
        timer.Restart();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            for (var i = 0; i < queries / 5; i++)
            {
                await source.CountAsync(InFlightSource.Query(0));
            }
        }));
        var five = timer.Elapsed.TotalMilliseconds / (queries / 5 * 5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {one:F3} ms per query one at a time, {five:F3} ms per query with 5 callers ({queries} queries each)"));
        return (one, five);
    }
}
