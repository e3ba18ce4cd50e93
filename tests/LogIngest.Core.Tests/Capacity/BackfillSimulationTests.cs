using LogIngest.Core.Capacity;
using LogIngest.Core.Model;
using LogIngest.Core.Planning;
using LogIngest.Local.Simulation;

namespace LogIngest.Core.Tests.Capacity;

public class BackfillSimulationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static SimulatedWorkspace Workspace(QueryCostModel? latency = null) =>
        new(new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 200_000, Latency = latency ?? QueryCostModel.None });

    private static LoadConfig Month => new()
    {
        Id = "month",
        Table = "OfficeActivity",
        From = From,
        To = To,
    };

    [Fact]
    public async Task ProjectAsync_MonthOfRows_EveryWindowCountedAndLoadedWithTheSlotsKeptBusy()
    {
        var workspace = Workspace();
        var expectedRows = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Interval.FromUtc(From, To)));

        var p = await new BackfillSimulation(workspace, QueryCostModel.ServiceLike).ProjectAsync(Month, [], Now);

        Assert.Equal(4, p.Ranges);
        Assert.Equal(expectedRows, p.EstimatedRows);
        Assert.True(p.Windows > 50, $"{p.Windows} windows");
        Assert.Equal(p.Windows, p.WindowQueries);
        Assert.Equal(p.Windows + p.Ranges, p.CountQueries); // one before each window, one reconciliation per range span
        Assert.Equal(p.Measured.Count, p.HistogramQueries);
        Assert.Equal(p.Windows, p.Activities["IngestWindow"]);
        Assert.Equal(p.Windows, p.Activities["WriteCheckpoint"]);
        Assert.Equal(p.Ranges, p.Activities["PlanWindows"]);

        // 4 ranges × 5 windows in flight want more than the 5 slots: the run sits on the slots' bound.
        Assert.True(p.Projected >= p.Bound);
        Assert.True(p.Projected <= p.Bound * 1.1, $"projected {p.Projected}, bound {p.Bound}");
        var perQuery = QueryCostModel.ServiceLike.PerQuery;
        Assert.True(p.QueryTime >= perQuery * p.Queries);
    }

    [Fact]
    public async Task ProjectAsync_FirstHalfCheckpointed_PlansOnlyTheRest()
    {
        var workspace = Workspace();
        var middle = new DateTimeOffset(2025, 3, 16, 0, 0, 0, TimeSpan.Zero);
        var rest = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Interval.FromUtc(middle, To)));

        var p = await new BackfillSimulation(workspace, QueryCostModel.ServiceLike).ProjectAsync(Month, [Interval.FromUtc(From, middle)], Now);

        Assert.Equal(rest, p.EstimatedRows);
        Assert.Equal(Interval.FromUtc(middle, To).Length, p.GapTicks);
    }

    [Fact]
    public async Task ProjectAsync_SameRangeTwice_SameProjection()
    {
        var first = await new BackfillSimulation(Workspace(), QueryCostModel.ServiceLike).ProjectAsync(Month, [], Now);
        var second = await new BackfillSimulation(Workspace(), QueryCostModel.ServiceLike).ProjectAsync(Month, [], Now);

        Assert.Equal(first.Projected, second.Projected);
        Assert.Equal(first.Queries, second.Queries);
    }

    [Fact]
    public async Task ProjectFittedAsync_SourceThatTakesTime_ChargesWhatItMeasured()
    {
        // A source whose every query takes at least 40 ms: the fitted fixed cost cannot be less.
        var slow = Workspace(new QueryCostModel { PerQuery = TimeSpan.FromMilliseconds(40) });

        var p = await BackfillSimulation.ProjectFittedAsync(slow, returnSecondsPerMillionRows: 0, Month, [], Now);

        Assert.Equal(p.HistogramQueries, p.Measured.Count);
        Assert.True(p.Model.PerQuery + p.Model.ForRows(QueryKind.Histogram, p.Measured.Min(m => m.Rows)) >= TimeSpan.FromMilliseconds(35), p.Model.ToString());
        Assert.True(p.QueryTime >= TimeSpan.FromMilliseconds(35) * p.Queries, $"{p.QueryTime} for {p.Queries} queries");
    }

    [Fact]
    public async Task ProjectAsync_RangeAfterNowMinusSettleDelay_NothingRequested()
    {
        var late = Month with { From = Now.AddMinutes(-10), To = Now.AddDays(1) };

        var p = await new BackfillSimulation(Workspace(), QueryCostModel.ServiceLike).ProjectAsync(late, [], Now);

        Assert.Null(p.Requested);
        Assert.Equal(0, p.Queries);
    }
}
