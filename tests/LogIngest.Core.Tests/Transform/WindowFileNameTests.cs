using LogIngest.Core.Model;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Tests.Transform;

public class WindowFileNameTests
{
    private static readonly long Day = Rows.Ticks(2025, 1, 31);

    [Fact]
    public void PathFor_TimeGeneratedWindow_PartitionAndReadableInstantsToTheTick()
    {
        var name = new WindowFileName("OfficeActivity", TimeAxis.TimeGenerated, new Interval(Day + (6 * TimeSpan.TicksPerHour), Day + (7 * TimeSpan.TicksPerHour) + 3), null);
        Assert.Equal(
            "loganalytics/OfficeActivity/year=2025/month=01/day=31/OfficeActivity-20250131T060000.0000000Z-20250131T070000.0000003Z.parquet",
            name.PathFor("loganalytics", DayPartition.DayOf(Day)));
    }

    [Fact]
    public void FileName_WindowsInTimeOrder_SortAsText()
    {
        // Starts chosen so that raw tick counts or unpadded fields would sort differently from time.
        long[] starts = [Day + 1, Day + 9, Day + 10, Day + TimeSpan.TicksPerSecond, Rows.Ticks(2025, 2, 1), Rows.Ticks(2025, 10, 1), Rows.Ticks(2026, 1, 1)];
        var names = starts.Select(s => new WindowFileName("T", TimeAxis.TimeGenerated, new Interval(s, s + 1), null).FileName).ToList();
        Assert.Equal(names, names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(4, 3)]
    public void TryParse_NameInRawTicksWrittenBeforeInstants_ParsesToTheSameWindow(int? modulus, int? remainder)
    {
        KeySplit? split = modulus is { } m ? new KeySplit(m, remainder!.Value) : null;
        var legacy = $"Heartbeat-i{Day}-{Day + 7}" + (split is { } s ? "-" + s : string.Empty) + ".parquet";
        Assert.True(WindowFileName.TryParse("p/Heartbeat/year=2025/month=01/day=31/" + legacy, "Heartbeat", out var parsed));
        Assert.Equal(new WindowFileName("Heartbeat", TimeAxis.IngestionTime, new Interval(Day, Day + 7), split), parsed);

        // A re-ingest of that window writes the readable name, and the old file is its orphan.
        Assert.NotEqual(legacy, parsed.FileName);
        Assert.Equal(["p/x/" + legacy], OrphanFiles.Find(["p/x/" + legacy], parsed, new HashSet<string> { "p/x/" + parsed.FileName }));
    }

    [Theory]
    [InlineData(TimeAxis.TimeGenerated, null, null)]
    [InlineData(TimeAxis.IngestionTime, null, null)]
    [InlineData(TimeAxis.TimeGenerated, 4, 3)]
    [InlineData(TimeAxis.IngestionTime, 2, 0)]
    public void TryParse_FormattedName_RoundTrips(TimeAxis axis, int? modulus, int? remainder)
    {
        KeySplit? split = modulus is { } m ? new KeySplit(m, remainder!.Value) : null;
        var name = new WindowFileName("Heartbeat", axis, new Interval(Day, Day + 1), split);
        Assert.True(WindowFileName.TryParse("p/Heartbeat/year=2025/month=01/day=31/" + name.FileName, "Heartbeat", out var parsed));
        Assert.Equal(name, parsed);
        Assert.Equal(axis == TimeAxis.IngestionTime, name.FileName.Contains("-i", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Heartbeat-5-3.parquet")]
    [InlineData("Heartbeat-05-7.parquet")]
    [InlineData("Heartbeat-5-7.parquet.tmp")]
    [InlineData("Heartbeat_X-5-7.parquet")]
    [InlineData("Other-5-7.parquet")]
    [InlineData("Heartbeat-5-7-k4of4.parquet")]
    [InlineData("Heartbeat-5-7-x.parquet")]
    [InlineData("Heartbeat-x5-7.parquet")]
    [InlineData("Heartbeat-20250131T000000.0000000Z-7.parquet")]
    [InlineData("Heartbeat-20250131T000000.0000000Z-20250131T000000.0000000Z.parquet")]
    [InlineData("Heartbeat-20250131T000000.000Z-20250131T010000.000Z.parquet")]
    [InlineData("Heartbeat-20250131T250000.0000000Z-20250131T260000.0000000Z.parquet")]
    [InlineData("Heartbeat-2025-01-31T00:00:00.0000000Z-2025-01-31T01:00:00.0000000Z.parquet")]
    public void TryParse_ForeignOrMalformed_False(string file) =>
        Assert.False(WindowFileName.TryParse(file, "Heartbeat", out _));

    [Fact]
    public void Overlaps_SiblingSlicesOfOneSplit_False_OtherSplitOrWhole_True()
    {
        var instant = new Interval(Day, Day + 1);
        var slice = new WindowFileName("T", TimeAxis.TimeGenerated, instant, new KeySplit(4, 1));
        Assert.False(slice.Overlaps(slice with { Split = new KeySplit(4, 2) }));
        Assert.True(slice.Overlaps(slice with { Split = new KeySplit(2, 1) }));
        Assert.True(slice.Overlaps(slice with { Split = null }));
        Assert.True(slice.Overlaps(slice with { Split = null, Window = new Interval(Day - 5, Day + 5) }));
        Assert.False(slice.Overlaps(slice with { Axis = TimeAxis.IngestionTime }));
        Assert.False(slice.Overlaps(slice with { Split = null, Window = new Interval(Day + 1, Day + 5) }));
    }

    [Fact]
    public void Overlaps_SliceSplitFurther_OverlapsOnlyItsParentNotTheParentsSiblings()
    {
        var instant = new Interval(Day, Day + 1);
        var child = new WindowFileName("T", TimeAxis.TimeGenerated, instant, new KeySplit(8, 5));

        // (5 of 8) holds rows with h % 8 == 5, all of which have h % 4 == 1.
        Assert.True(child.Overlaps(child with { Split = new KeySplit(4, 1) }));
        Assert.False(child.Overlaps(child with { Split = new KeySplit(4, 0) }));
        Assert.False(child.Overlaps(child with { Split = new KeySplit(4, 2) }));
        Assert.False(child.Overlaps(child with { Split = new KeySplit(8, 1) }));
        Assert.True(child.Overlaps(child with { Split = new KeySplit(3, 0) })); // gcd 1: every pair of slices shares rows
    }
}
