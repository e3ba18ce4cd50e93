using System.Diagnostics;
using LogIngest.Core.Capacity;
using LogIngest.Core.Model;
using LogIngest.Local.Simulation;

namespace LogIngest.Local.Tests.Simulation;

public class SimulatedLatencyTests
{
    private static readonly Interval Hour = Interval.FromUtc(new DateTime(2025, 3, 10, 14, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 10, 15, 0, 0, DateTimeKind.Utc));

    // 50 ms a query, 100 µs per row returned: an hour of ~1,000 rows sleeps at least 0.15 s.
    private static readonly QueryCostModel Model = new() { PerQuery = TimeSpan.FromMilliseconds(50), ReturnSecondsPerMillionRows = 100 };

    private static SimulatedWorkspace Workspace(QueryCostModel latency) =>
        new(new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 20_000, Latency = latency }, new ManualClock(new DateTimeOffset(2025, 3, 20, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task QueryAsync_WithLatencyModel_SleepsAtLeastTheModelsLatencyForItsRows()
    {
        var workspace = Workspace(Model);
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await foreach (var batch in workspace.QueryAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Hour)))
        {
            rows += batch.RowCount;
        }

        Assert.True(rows > 100, $"{rows} rows");
        Assert.True(clock.Elapsed >= Model.Latency(QueryKind.Window, rows) - TimeSpan.FromMilliseconds(5), $"{clock.Elapsed} for {rows} rows");
    }

    [Fact]
    public async Task WithLatency_None_SameAnswersAsTheSleepingWorkspace()
    {
        var sleeping = Workspace(Model);
        var instant = sleeping.WithLatency(QueryCostModel.None);
        var query = new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, Hour, TimeSpan.FromMinutes(5));

        var clock = Stopwatch.StartNew();
        var slept = await sleeping.GetHistogramAsync(query);
        Assert.True(clock.Elapsed >= Model.PerQuery - TimeSpan.FromMilliseconds(5), clock.Elapsed.ToString());

        Assert.Equal(slept, await instant.GetHistogramAsync(query));
        Assert.Equal(QueryCostModel.None, instant.Latency);
        Assert.Same(Model, sleeping.Latency);
    }
}
