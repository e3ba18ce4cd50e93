using System.Diagnostics;
using LogIngest.Core.Capacity;

namespace LogIngest.Azure.Tests.LogAnalytics;

/// <summary>The HTTP face sleeps the workspace's own latency model, the one the capacity planner charges.</summary>
public class SimulatedLatencyOverHttpTests
{
    private static readonly QueryCostModel Model = new() { PerQuery = TimeSpan.FromMilliseconds(150), ReturnSecondsPerMillionRows = 300 };

    [Fact]
    public async Task QueryAsync_WorkspaceWithLatencyModel_ClientWaitsAtLeastTheModelsLatency()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(workspace: w => w.Latency = Model);
        var query = LoopbackWorkspace.Office(TimeSpan.FromHours(14), TimeSpan.FromHours(1));

        var clock = Stopwatch.StartNew();
        long rows = 0;
        await foreach (var batch in loop.Client.QueryAsync(query))
        {
            rows += batch.RowCount;
        }

        var window = clock.Elapsed;
        clock.Restart();
        var counted = await loop.Client.CountAsync(query);
        var count = clock.Elapsed;

        Assert.Equal(counted, rows);
        Assert.True(rows > 100, $"{rows} rows");
        Assert.True(window >= Model.Latency(QueryKind.Window, rows) - TimeSpan.FromMilliseconds(5), $"window query {window} for {rows} rows");
        Assert.True(count >= Model.Latency(QueryKind.Count, rows) - TimeSpan.FromMilliseconds(5), $"count query {count}");
    }
}
