using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class RangeSplitterTests
{
    private const long Hour = TimeSpan.TicksPerHour;
    private static readonly long T0 = HistogramShapes.Origin;

    private static Interval Hours(long from, long to) => new(T0 + (from * Hour), T0 + (to * Hour));

    [Fact]
    public void Split_NoHistogram_BalancesByTimeAcrossGaps()
    {
        var gaps = IntervalSet.Of(Hours(0, 6), Hours(10, 12));

        var ranges = RangeSplitter.Split(gaps, 4);

        Assert.Equal(4, ranges.Count);
        Assert.All(ranges, r => Assert.Equal(2 * Hour, r.Ticks));
        Assert.Equal([Hours(0, 2)], ranges[0].Spans);
        Assert.Equal([Hours(10, 12)], ranges[3].Spans);
        Assert.All(ranges, r => Assert.Null(r.EstimatedRows));
        Assert.Equal([0, 1, 2, 3], ranges.Select(r => r.Index));
    }

    [Fact]
    public void Split_SkewedHistogram_BalancesByRowsOnBinEdges()
    {
        var gaps = IntervalSet.Of(Hours(0, 8));
        HistogramBin[] histogram = [new(Hours(0, 1), 100, 1), new(Hours(6, 7), 100, 1), new(Hours(7, 8), 100, 1), new(Hours(1, 2), 100, 1)];

        var ranges = RangeSplitter.Split(gaps, 4, histogram);

        Assert.Equal([100L, 100L, 100L, 100L], ranges.Select(r => r.EstimatedRows!.Value));
        Assert.All(ranges.SelectMany(r => r.Spans), s => Assert.Equal(0, (s.Start - T0) % Hour));
        Assert.Equal(gaps, IntervalSet.Of(ranges.SelectMany(r => r.Spans)));
    }

    [Fact]
    public void Split_HistogramWithoutRowsInGaps_FallsBackToTime()
    {
        var ranges = RangeSplitter.Split(IntervalSet.Of(Hours(0, 2)), 2, [new HistogramBin(Hours(5, 6), 10, 1)]);

        Assert.Equal([Hours(0, 1), Hours(1, 2)], ranges.SelectMany(r => r.Spans));
        Assert.All(ranges, r => Assert.Null(r.EstimatedRows));
    }

    [Fact]
    public void Split_MoreParallelismThanTicks_ReturnsFewerNonEmptyRanges()
    {
        var ranges = RangeSplitter.Split(IntervalSet.Of(new Interval(T0, T0 + 3)), 8);

        Assert.Equal(3, ranges.Count);
        Assert.All(ranges, r => Assert.Equal(1, r.Ticks));
    }

    [Fact]
    public void Split_OneHourGapAtLoadRunsMinimum_OneRange()
    {
        // A 1-hour gap at parallelism 4 once became four ranges and four small files.
        var ranges = RangeSplitter.Split(IntervalSet.Of(Hours(0, 1)), 4, minRangeLength: RangeSplitter.MinRangeLength);

        Assert.Equal([Hours(0, 1)], Assert.Single(ranges).Spans);
    }

    [Theory]
    [InlineData(36, 4, 1)]   // a day and a half: one range
    [InlineData(60, 4, 2)]   // two and a half days: two
    [InlineData(168, 4, 4)]  // a week: parallelism decides
    [InlineData(168, 2, 2)]
    public void Split_GapsOfSomeDays_NoRangeShorterThanTheMinimum(long hours, int parallelism, int expected)
    {
        var gaps = IntervalSet.Of(Hours(0, hours / 3), Hours(hours, hours + (hours - (hours / 3))));

        var ranges = RangeSplitter.Split(gaps, parallelism, minRangeLength: TimeSpan.FromDays(1));

        Assert.Equal(expected, ranges.Count);
        Assert.All(ranges, r => Assert.True(r.Ticks >= TimeSpan.TicksPerDay, $"range {r.Index} holds {TimeSpan.FromTicks(r.Ticks)}"));
        Assert.Equal(gaps, IntervalSet.Of(ranges.SelectMany(r => r.Spans)));
    }

    [Fact]
    public void Split_NoGaps_ReturnsNoRanges()
    {
        Assert.Empty(RangeSplitter.Split(IntervalSet.Empty, 4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Split_ParallelismOutOfRange_ThrowsConfigInvalidNamingParallelism(int parallelism)
    {
        var error = Assert.Throws<LogIngestException>(() => RangeSplitter.Split(IntervalSet.Of(Hours(0, 1)), parallelism));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.StartsWith("parallelism", error.Message);
    }

    [Fact]
    public void Find_CheckpointsInsideAndAcrossTheRequest_LeavesOnlyTheUndoneTime()
    {
        var gaps = Gaps.Find(Hours(0, 10), [Hours(2, 3), Hours(3, 4), Hours(8, 12)]);

        Assert.Equal([Hours(0, 2), Hours(4, 8)], gaps.Intervals);
    }
}
