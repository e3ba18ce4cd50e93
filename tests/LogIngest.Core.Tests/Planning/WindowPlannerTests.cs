using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class WindowPlannerTests
{
    private const long Minute = TimeSpan.TicksPerMinute;
    private static readonly long T0 = HistogramShapes.Origin;
    private static readonly WindowLimits Limits = new() { MaxRows = 1_000, MaxBytes = 1_000_000, MinRows = 400 };

    private static Interval Minutes(long from, long to) => new(T0 + (from * Minute), T0 + (to * Minute));

    private static HistogramBin Bin(long minute, long rows, long bytes = 0) => new(Minutes(minute, minute + 1), rows, bytes == 0 ? rows * 100 : bytes);

    [Fact]
    public void Plan_NoRows_ReturnsWholeGapAsEmptySpanAndNoWindows()
    {
        var plan = WindowPlanner.Plan(Minutes(0, 60), [], Limits);

        Assert.True(plan.IsComplete);
        Assert.Empty(plan.Windows);
        Assert.Equal([Minutes(0, 60)], plan.EmptySpans);
    }

    [Fact]
    public void Plan_UniformBins_FillsEachWindowUpToMaxRows()
    {
        var bins = Enumerable.Range(0, 30).Select(m => Bin(m, 100)).ToList();

        var plan = WindowPlanner.Plan(Minutes(0, 30), bins, Limits);

        Assert.Equal([1000L, 1000L, 1000L], plan.Windows.Select(w => w.EstimatedRows));
        Assert.Equal([Minutes(0, 10), Minutes(10, 20), Minutes(20, 30)], plan.Windows.Select(w => w.Span));
        Assert.Equal([BoundaryReason.RowLimit, BoundaryReason.RowLimit, BoundaryReason.GapEnd], plan.Windows.Select(w => w.EndReason));
        Assert.Equal([BoundaryReason.GapStart, BoundaryReason.RowLimit, BoundaryReason.RowLimit], plan.Windows.Select(w => w.StartReason));
        Assert.Empty(plan.EmptySpans);
    }

    [Fact]
    public void Plan_BytesBindFirst_ClosesWindowsAtByteLimit()
    {
        var bins = Enumerable.Range(0, 4).Select(m => Bin(m, 10, 400_000)).ToList();

        var plan = WindowPlanner.Plan(Minutes(0, 4), bins, Limits);

        Assert.Equal([Minutes(0, 2), Minutes(2, 4)], plan.Windows.Select(w => w.Span));
        Assert.Equal(BoundaryReason.ByteLimit, plan.Windows[0].EndReason);
    }

    [Fact]
    public void Plan_EmptyStretchesBetweenRows_WindowsSpanThemSoNoWindowIsEmpty()
    {
        HistogramBin[] bins = [Bin(5, 600), Bin(40, 600), Bin(41, 100)];

        var plan = WindowPlanner.Plan(Minutes(0, 60), bins, Limits);

        Assert.Equal([Minutes(0, 40), Minutes(40, 60)], plan.Windows.Select(w => w.Span));
        Assert.Equal([600L, 700L], plan.Windows.Select(w => w.EstimatedRows));
        Assert.Empty(plan.EmptySpans);
    }

    [Fact]
    public void Plan_BinOverLimit_AsksToRefineOnlyThatBinAtTheNextFinerSize()
    {
        var hour = TimeSpan.TicksPerHour;
        HistogramBin[] bins =
        [
            new(new Interval(T0, T0 + hour), 900, 1),
            new(new Interval(T0 + hour, T0 + (2 * hour)), 1_001, 1),
            new(new Interval(T0 + (2 * hour), T0 + (3 * hour)), 10, 2_000_000),
        ];

        var plan = WindowPlanner.Plan(new Interval(T0, T0 + (3 * hour)), bins, Limits);

        Assert.False(plan.IsComplete);
        Assert.Empty(plan.Windows);
        Assert.Equal(
            [new BinRefinement(bins[1].Span, Minute), new BinRefinement(bins[2].Span, Minute)],
            plan.Refinements);
    }

    [Fact]
    public void Plan_BinExactlyAtLimits_IsOneWindowWithoutKeySplit()
    {
        HistogramBin[] bins = [Bin(0, 1), Bin(1, 1_000, 1_000_000), Bin(2, 1)];

        var plan = WindowPlanner.Plan(Minutes(0, 3), bins, Limits);

        Assert.True(plan.IsComplete);
        Assert.DoesNotContain(plan.Windows, w => w.IsIrreducible);
        Assert.Contains(plan.Windows, w => w.Span == Minutes(1, 2) && w.EstimatedRows == 1_000);
    }

    [Fact]
    public void Plan_InstantOverLimit_SplitsByKeyIntoSlicesUnderTheLimits()
    {
        var instant = new Interval(T0 + Minute, T0 + Minute + 1);
        HistogramBin[] bins = [Bin(0, 500), new(instant, 2_500, 250_000), Bin(2, 500)];

        var plan = WindowPlanner.Plan(Minutes(0, 3), bins, Limits);

        var slices = plan.Windows.Where(w => w.IsIrreducible).ToList();
        Assert.Equal(4, slices.Count); // 2,500 rows at 80% of 1,000 per slice
        Assert.All(slices, s => Assert.Equal(instant, s.Span));
        Assert.Equal([new KeySplit(4, 0), new KeySplit(4, 1), new KeySplit(4, 2), new KeySplit(4, 3)], slices.Select(s => s.KeySplit!.Value));
        Assert.All(slices, s => Assert.Equal(625, s.EstimatedRows));
        Assert.All(slices, s => Assert.Equal((BoundaryReason.Instant, BoundaryReason.Instant), (s.StartReason, s.EndReason)));
        Assert.Equal(new Interval(T0, instant.Start), plan.Windows[0].Span);
        Assert.Equal(new Interval(instant.End, Minutes(0, 3).End), plan.Windows[^1].Span);
    }

    [Fact]
    public void Plan_InstantAloneInGapWithEmptyTimeAround_ReturnsTheEmptyTimeToCheckpoint()
    {
        var instant = new Interval(T0 + Minute, T0 + Minute + 1);

        var plan = WindowPlanner.Plan(Minutes(0, 3), [new HistogramBin(instant, 1_500, 1)], Limits);

        Assert.Equal(2, plan.Windows.Count);
        Assert.Equal([new Interval(T0, instant.Start), new Interval(instant.End, T0 + (3 * Minute))], plan.EmptySpans);
        Assert.All(plan.Windows, w => Assert.Equal((BoundaryReason.EmptyStretch, BoundaryReason.EmptyStretch), (w.StartReason, w.EndReason)));
    }

    [Fact]
    public void Plan_ShortLastWindow_TakesBinsFromItsPredecessorToReachMinRows()
    {
        var bins = Enumerable.Range(0, 11).Select(m => Bin(m, 100)).ToList(); // 1,100 rows: 1,000 + 100 greedily

        var plan = WindowPlanner.Plan(Minutes(0, 11), bins, Limits);

        Assert.Equal([700L, 400L], plan.Windows.Select(w => w.EstimatedRows));
        Assert.Equal(BoundaryReason.Balance, plan.Windows[0].EndReason);
        Assert.All(plan.Windows, w => Assert.InRange(w.EstimatedRows, Limits.MinRows, Limits.MaxRows));
    }

    [Fact]
    public void Plan_BinsStraddlingTheGap_AreClippedToIt()
    {
        var hour = TimeSpan.TicksPerHour;
        var gap = new Interval(T0 + (hour / 2), T0 + hour + (hour / 2));
        HistogramBin[] bins = [new(new Interval(T0, T0 + hour), 10, 10), new(new Interval(T0 + hour, T0 + (2 * hour)), 10, 10)];

        var plan = WindowPlanner.Plan(gap, bins, Limits);

        Assert.Equal([gap], plan.Windows.Select(w => w.Span));
    }

    [Fact]
    public void Plan_OverlappingBins_ThrowsNamingBins()
    {
        HistogramBin[] bins = [new(Minutes(0, 2), 1, 1), new(Minutes(1, 3), 1, 1)];

        var error = Assert.Throws<ArgumentException>(() => WindowPlanner.Plan(Minutes(0, 3), bins, Limits));

        Assert.Equal("bins", error.ParamName);
    }

    [Theory]
    [InlineData(0, 1_000, 0, "limits.maxRows")]
    [InlineData(600_000, 1_000, 0, "limits.maxRows")]
    [InlineData(1_000, 0, 0, "limits.maxBytes")]
    [InlineData(1_000, 1_000, 1_001, "limits.minRows")]
    public void Plan_InvalidLimits_ThrowsConfigInvalidNamingTheField(long maxRows, long maxBytes, long minRows, string field)
    {
        var limits = new WindowLimits { MaxRows = maxRows, MaxBytes = maxBytes, MinRows = minRows };

        var error = Assert.Throws<LogIngestException>(() => WindowPlanner.Plan(Minutes(0, 1), [], limits));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.StartsWith(field, error.Message);
    }
}
