using LogIngest.Core.Model;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class ReplanningTests
{
    [Fact]
    public async Task TightenedLimits_TruncatedWindowPlannedAgain_YieldsSmallerWindowsOverTheSameSpan()
    {
        var limits = new WindowLimits { MaxRows = 1_000, MaxBytes = 1_000_000, MinRows = 400 };
        var t0 = HistogramShapes.Origin;
        var source = new PointSource(Enumerable.Range(0, 60).Select(m => (t0 + (m * TimeSpan.TicksPerMinute), 15L, 150L)));
        var driver = new WindowPlanningDriver(source.HistogramAsync);
        var window = (await driver.PlanAsync([new Interval(t0, t0 + TimeSpan.TicksPerHour)], limits)).Windows[0];

        var tightened = Replanning.TightenedLimits(limits, truncations: 1);
        var again = await driver.PlanAsync([window.Span], tightened);

        Assert.Equal(500, tightened.MaxRows);
        Assert.Equal(400, tightened.MinRows);
        Assert.True(again.Windows.Count >= 2);
        Assert.All(again.Windows, w => Assert.True(w.EstimatedRows <= 500));
        Assert.Equal(IntervalSet.Of(window.Span), IntervalSet.Of(again.Windows.Select(w => w.Span)));
    }

    [Fact]
    public void SplitFurther_AnySlice_PartitionsExactlyItsHashes()
    {
        var split = new KeySplit(3, 2);

        var halves = Replanning.SplitFurther(split);

        for (var hash = 0; hash < 600; hash++)
        {
            var inSlice = hash % split.Modulus == split.Remainder;
            var inHalves = halves.Count(h => hash % h.Modulus == h.Remainder);
            Assert.Equal(inSlice ? 1 : 0, inHalves);
        }
    }
}
