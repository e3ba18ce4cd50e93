using LogIngest.Core.Transform;

namespace LogIngest.Core.Tests.Transform;

public class DayPartitionTests
{
    [Fact]
    public void Folder_LastTickBeforeMidnightAndMidnight_DifferentDays()
    {
        var midnight = Rows.Ticks(2024, 12, 31) + TimeSpan.TicksPerDay;
        Assert.Equal("year=2024/month=12/day=31", DayPartition.Folder(DayPartition.DayOf(midnight - 1)));
        Assert.Equal("year=2025/month=01/day=01", DayPartition.Folder(DayPartition.DayOf(midnight)));
    }

    [Fact]
    public void TableDayFolder_PrefixWithOrWithoutSlash_SameFolder()
    {
        var day = DayPartition.DayOf(Rows.Ticks(2025, 2, 3));
        Assert.Equal("a/b/T/year=2025/month=02/day=03", DayPartition.TableDayFolder("a/b/", "T", day));
        Assert.Equal("T/year=2025/month=02/day=03", DayPartition.TableDayFolder("", "T", day));
    }
}
