using LogIngest.Core.Model;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Tests.Transform;

public class OrphanFilesTests
{
    private static readonly long D = Rows.Ticks(2025, 6, 10);
    private static readonly long H = TimeSpan.TicksPerHour;

    [Fact]
    public void Find_OverlappingFilesOfOtherPlans_AreOrphansOwnAndNeighboursAreNot()
    {
        var own = new WindowFileName("T", TimeAxis.TimeGenerated, new Interval(D + (2 * H), D + (4 * H)), null);
        var folder = "p/T/year=2025/month=06/day=10/";
        var ownPath = folder + own.FileName;
        string[] listed =
        [
            ownPath,
            folder + $"T-{D}-{D + (3 * H)}.parquet",               // earlier, coarser plan: overlaps
            folder + $"T-{D + (3 * H)}-{D + (3 * H) + 1}-k2of4.parquet", // a slice inside the window
            folder + $"T-{D}-{D + (2 * H)}.parquet",               // touches the start: a neighbour
            folder + $"T-{D + (4 * H)}-{D + (5 * H)}.parquet",     // touches the end: a neighbour
            folder + $"T-i{D}-{D + (5 * H)}.parquet",               // the other axis
            folder + "notes.txt",
        ];

        var orphans = OrphanFiles.Find(listed, own, new HashSet<string> { ownPath });

        Assert.Equal([listed[1], listed[2]], orphans);
    }

    [Fact]
    public void Find_OwnNameNotWrittenThisTime_IsAnOrphan()
    {
        // An earlier attempt of this very window wrote a day this attempt has no rows for.
        var own = new WindowFileName("T", TimeAxis.IngestionTime, new Interval(D, D + H), null);
        var stale = "p/T/year=2025/month=06/day=09/" + own.FileName;
        Assert.Equal([stale], OrphanFiles.Find([stale], own, new HashSet<string>()));
    }

    [Fact]
    public void DaysToList_TimeGenerated_DaysOfTheWindowOnly()
    {
        var window = new Interval(D - H, D + H); // spans midnight
        Assert.Equal([DayPartition.DayOf(D) - 1, DayPartition.DayOf(D)], OrphanFiles.DaysToList(TimeAxis.TimeGenerated, window, [], TimeSpan.FromDays(2)));
    }

    [Fact]
    public void DaysToList_IngestionTime_HorizonAndTouchedDays()
    {
        var window = new Interval(D + H, D + (2 * H));
        var day = DayPartition.DayOf(D);
        var days = OrphanFiles.DaysToList(TimeAxis.IngestionTime, window, [day - 10], TimeSpan.FromDays(2));
        Assert.Equal([day - 10, day - 2, day - 1, day], days);
    }
}
