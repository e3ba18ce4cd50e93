using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Core.Tests.State;

public class CheckpointCoverageTests
{
    private static WindowCheckpoint Slice(long start, long end, KeySplit? split = null) => new()
    {
        ConfigId = "c",
        Axis = TimeAxis.TimeGenerated,
        Window = new Interval(start, end),
        Split = split,
        RunId = "r",
    };

    [Fact]
    public void Apply_SlicesOfDifferentModuli_CoverTheInstantOnceEveryKeyIsInOne()
    {
        var coverage = CheckpointCoverage.Empty("c", TimeAxis.TimeGenerated)
            .Apply(Slice(5, 6, new KeySplit(2, 0)))
            .Apply(Slice(5, 6, new KeySplit(4, 1)));

        Assert.True(coverage.ToIntervalSet().IsEmpty); // keys with h % 4 == 3 are still missing
        Assert.Equal(2, coverage.PendingSplits.Count);

        coverage = coverage.Apply(Slice(5, 6, new KeySplit(4, 3)));

        Assert.Equal(IntervalSet.Of(new Interval(5, 6)), coverage.ToIntervalSet());
        Assert.Empty(coverage.PendingSplits);
    }

    [Fact]
    public void Apply_TruncatedSliceReplacedByTwoSlicesOfTwiceTheModulus_CoversTheInstant()
    {
        // (1 of 4) came back truncated and was re-planned as (1 of 8) and (5 of 8).
        var coverage = CheckpointCoverage.Empty("c", TimeAxis.TimeGenerated)
            .Apply(Slice(5, 6, new KeySplit(4, 0)))
            .Apply(Slice(5, 6, new KeySplit(4, 2)))
            .Apply(Slice(5, 6, new KeySplit(4, 3)))
            .Apply(Slice(5, 6, new KeySplit(8, 1)));

        Assert.True(coverage.ToIntervalSet().IsEmpty);

        coverage = coverage.Apply(Slice(5, 6, new KeySplit(8, 5)));

        Assert.Equal(IntervalSet.Of(new Interval(5, 6)), coverage.ToIntervalSet());
        Assert.Empty(coverage.PendingSplits);
    }

    [Fact]
    public void Apply_SliceOfANewSplitOverlappingAnOldSlice_ForgetsTheOldSliceWhoseFileItRemoved()
    {
        // Run 1 recorded (1 of 4); run 2 re-planned the instant 8 ways. Writing (5 of 8) removed the
        // (1 of 4) file as an orphan, so (1 of 4) must not stand in for the missing (1 of 8).
        var coverage = CheckpointCoverage.Empty("c", TimeAxis.TimeGenerated).Apply(Slice(5, 6, new KeySplit(4, 1)));
        foreach (var r in new[] { 0, 2, 3, 4, 5, 6, 7 })
        {
            coverage = coverage.Apply(Slice(5, 6, new KeySplit(8, r)));
        }

        Assert.True(coverage.ToIntervalSet().IsEmpty);

        coverage = coverage.Apply(Slice(5, 6, new KeySplit(8, 1)));

        Assert.Equal(IntervalSet.Of(new Interval(5, 6)), coverage.ToIntervalSet());
    }

    [Fact]
    public void Apply_SliceRewrittenAfterItsWindowCompleted_TracksNothingNew()
    {
        var coverage = CheckpointCoverage.Empty("c", TimeAxis.TimeGenerated)
            .Apply(Slice(5, 6, new KeySplit(2, 0)))
            .Apply(Slice(5, 6, new KeySplit(2, 1)))
            .Apply(Slice(5, 6, new KeySplit(2, 1)));

        Assert.Empty(coverage.PendingSplits);
        Assert.Equal(IntervalSet.Of(new Interval(5, 6)), coverage.ToIntervalSet());
    }

    [Fact]
    public void Rebuild_FromRecordsInAnyOrder_EqualsFoldingThemOneByOne()
    {
        var records = new[]
        {
            Slice(0, 10), Slice(20, 30), Slice(10, 20), Slice(40, 41, new KeySplit(3, 2)), Slice(40, 41, new KeySplit(3, 0)),
            Slice(40, 41, new KeySplit(3, 1)), Slice(50, 51, new KeySplit(2, 0)),
            Slice(60, 70) with { Axis = TimeAxis.IngestionTime },
        };

        var rebuilt = CheckpointCoverage.Rebuild("c", TimeAxis.TimeGenerated, records.Reverse());

        Assert.Equal(IntervalSet.Of(new Interval(0, 30), new Interval(40, 41)), rebuilt.ToIntervalSet());
        Assert.Equal([new Interval(50, 51)], rebuilt.PendingSplits.Select(p => p.Window));
    }

    [Fact]
    public void Apply_CheckpointOfAnotherConfig_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => CheckpointCoverage.Empty("c", TimeAxis.TimeGenerated).Apply(Slice(0, 1) with { ConfigId = "d" }));

        Assert.Contains("d/TimeGenerated", error.Message, StringComparison.Ordinal);
    }
}
