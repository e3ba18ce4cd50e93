using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class WindowPlanningDriverTests
{
    private static readonly long T0 = HistogramShapes.Origin;
    private static readonly WindowLimits Limits = new() { MaxRows = 1_000, MaxBytes = 1_000_000, MinRows = 400 };

    [Fact]
    public async Task PlanAsync_ThirtyDaysWithinLimitsPerMinute_CostsOneQueryAtMinuteBins()
    {
        var range = new Interval(T0, T0 + (30 * TimeSpan.TicksPerDay));
        var points = Enumerable.Range(0, 30 * 24).Select(h => (T0 + (h * TimeSpan.TicksPerHour) + 17, 300L + (h % 24 * 10), 3_000L));
        var source = new PointSource(points);
        var sizes = new List<long>();

        var driver = new WindowPlanningDriver((span, bin, ct) =>
        {
            sizes.Add(bin);
            return source.HistogramAsync(span, bin, ct);
        });
        var plan = await driver.PlanAsync([range], Limits);

        Assert.Equal(1, plan.HistogramQueries);
        Assert.Equal([TimeSpan.TicksPerMinute], sizes);
        PlanInvariants.AssertValid(plan.Plans.Single(), Limits, source);
    }

    [Fact]
    public async Task PlanAsync_OneHugeInstant_RefinesOnlyItsBinDownToTicksAndSplitsByKey()
    {
        var range = new Interval(T0, T0 + TimeSpan.TicksPerDay);
        var instant = T0 + (5 * TimeSpan.TicksPerHour) + 123_456_789;
        var source = new PointSource([(instant, 3_000, 30_000), (T0 + 10, 5, 50), (instant + 7, 5, 50)]);
        var driver = new WindowPlanningDriver(source.HistogramAsync);

        var plan = await driver.PlanAsync([range], Limits);

        // second bins for a day, then millisecond and tick for the one over-limit bin only
        Assert.Equal(3, plan.HistogramQueries);
        Assert.Equal(2, plan.RefinementRounds);
        var slices = plan.Windows.Where(w => w.IsIrreducible).ToList();
        Assert.Equal(4, slices.Count);
        Assert.All(slices, s => Assert.Equal(new Interval(instant, instant + 1), s.Span));
        PlanInvariants.AssertValid(plan.Plans.Single(), Limits, source);
    }

    [Fact]
    public async Task PlanAsync_RangeOfSeveralGapPieces_OneQueryOverTheRangeAndNoWindowOnDoneTime()
    {
        var requested = new Interval(T0, T0 + TimeSpan.TicksPerDay);
        var done = IntervalSet.Of(new Interval(T0 + TimeSpan.TicksPerHour, T0 + (3 * TimeSpan.TicksPerHour)));
        var points = Enumerable.Range(0, 24 * 60).Select(m => (T0 + (m * TimeSpan.TicksPerMinute), 20L, 200L));
        var source = new PointSource(points);
        var gaps = Gaps.Find(requested, done);
        var driver = new WindowPlanningDriver(source.HistogramAsync);

        var plan = await driver.PlanAsync(gaps.Intervals, Limits);

        Assert.Equal(1, plan.HistogramQueries);
        Assert.Equal(2, plan.Plans.Count);
        foreach (var gapPlan in plan.Plans)
        {
            PlanInvariants.AssertValid(gapPlan, Limits, source, done);
        }
    }

    [Fact]
    public async Task PlanAsync_SourceIgnoringTheBinSize_FailsAfterMaxRoundsInsteadOfLooping()
    {
        var range = new Interval(T0, T0 + TimeSpan.TicksPerHour);
        var driver = new WindowPlanningDriver(
            (span, bin, ct) => Task.FromResult<IReadOnlyList<HistogramBin>>([new HistogramBin(span, 5_000, 1)]),
            new PlanningOptions { MaxRefinementRounds = 3 });

        var error = await Assert.ThrowsAsync<LogIngestException>(() => driver.PlanAsync([range], Limits));

        Assert.Contains("did not converge", error.Message);
    }

    [Fact]
    public async Task PlanAsync_NoGaps_IssuesNoQuery()
    {
        var source = new PointSource([]);
        var driver = new WindowPlanningDriver(source.HistogramAsync);

        var plan = await driver.PlanAsync([], Limits);

        Assert.Equal(0, source.Queries);
        Assert.Empty(plan.Windows);
    }

    [Fact]
    public async Task PlanAsync_Cancelled_StopsBeforeRefining()
    {
        using var cancellation = new CancellationTokenSource();
        var range = new Interval(T0, T0 + TimeSpan.TicksPerHour);
        var source = new PointSource([(T0 + 99, 5_000, 1)]);
        var driver = new WindowPlanningDriver((span, bin, ct) =>
        {
            cancellation.Cancel();
            return source.HistogramAsync(span, bin, ct);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.PlanAsync([range], Limits, cancellation.Token));
        Assert.Equal(1, source.Queries);
    }
}
