using LogIngest.Core.Model;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class PlanningPropertyTests
{
    public static TheoryData<string> Kinds() => [.. HistogramShapes.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PlanAsync_RandomShapesAfterCheckpoints_WindowsTileGapsWithinLimitsAndAvoidDoneTime(string kind)
    {
        var random = new Random(20250101 + kind.Length * 7919 + kind[0]);
        int windows = 0, irreducible = 0, emptySpans = 0, refinedRanges = 0;
        for (var round = 0; round < 300; round++)
        {
            var requested = HistogramShapes.RandomGap(random);
            var limits = HistogramShapes.RandomLimits(random);
            var truth = HistogramShapes.Make(kind, requested, limits, random);
            var done = HistogramShapes.RandomDone(requested, random);
            var gaps = Gaps.Find(requested, done);
            var coarse = random.Next(2) == 0 ? truth.Histogram(requested, TimeSpan.TicksPerHour) : null;
            var ranges = RangeSplitter.Split(gaps, random.Next(1, 9), coarse);

            Assert.Equal(gaps, IntervalSet.Of(ranges.SelectMany(r => r.Spans)));
            Assert.Equal(gaps.Coverage, ranges.Sum(r => r.Ticks));

            var driver = new WindowPlanningDriver(truth.HistogramAsync, new PlanningOptions { MaxBinsPerQuery = random.Next(1, 100) });
            var covered = new List<Interval>();
            foreach (var range in ranges)
            {
                var plan = await driver.PlanAsync(range, limits);
                refinedRanges += plan.RefinementRounds > 0 ? 1 : 0;
                windows += plan.Windows.Count;
                irreducible += plan.Windows.Count(w => w.IsIrreducible);
                emptySpans += plan.EmptySpans.Count;
                foreach (var gapPlan in plan.Plans)
                {
                    PlanInvariants.AssertValid(gapPlan, limits, truth, done);
                    covered.AddRange(gapPlan.Windows.Select(w => w.Span));
                    covered.AddRange(gapPlan.EmptySpans);
                }
            }

            Assert.Equal(gaps, IntervalSet.Of(covered));
        }

        // The shapes reach the paths they are meant to reach.
        switch (kind)
        {
            case "empty":
                Assert.Equal(0, windows);
                Assert.True(emptySpans > 0);
                break;
            case "huge-instant" or "near-limit":
                Assert.True(irreducible > 0 && refinedRanges > 0, $"{irreducible} key slices, {refinedRanges} refined ranges");
                break;
            case "spikes" or "dense-millisecond":
                Assert.True(refinedRanges > 0);
                break;
            default:
                Assert.True(windows > 0);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Plan_RandomBinsAtOneSize_RefinesExactlyTheOverLimitBinsElseTilesTheGap(string kind)
    {
        var random = new Random(7 + kind.Length * 31 + kind[^1]);
        for (var round = 0; round < 300; round++)
        {
            var gap = HistogramShapes.RandomGap(random);
            var limits = HistogramShapes.RandomLimits(random);
            var truth = HistogramShapes.Make(kind, gap, limits, random);
            var size = BinSizes.All[random.Next(BinSizes.All.Count)];
            var bins = truth.Histogram(gap, size);

            var plan = WindowPlanner.Plan(gap, bins, limits);

            var overLimit = bins.Where(b => (b.Rows > limits.MaxRows || b.Bytes > limits.MaxBytes) && b.Span.Length > 1).ToList();
            Assert.Equal(overLimit.Select(b => b.Span), plan.Refinements.Select(r => r.Span));
            Assert.All(plan.Refinements, r => Assert.True(r.BinTicks < r.Span.Length && r.BinTicks >= 1));
            if (plan.IsComplete)
            {
                PlanInvariants.AssertValid(plan, limits, truth);
            }
            else
            {
                Assert.Empty(plan.Windows);
            }
        }
    }
}
