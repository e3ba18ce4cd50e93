using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class BinSizesTests
{
    [Theory]
    [InlineData(30 * TimeSpan.TicksPerDay, TimeSpan.TicksPerMinute)]
    [InlineData(365 * TimeSpan.TicksPerDay, TimeSpan.TicksPerHour)]
    [InlineData(TimeSpan.TicksPerDay, TimeSpan.TicksPerMinute)]
    [InlineData(TimeSpan.TicksPerHour, TimeSpan.TicksPerSecond)]
    [InlineData(40_000, 1)]
    public void ForRange_RangeLength_PicksFinestSizeWithinTheBinCap(long rangeTicks, long expected)
    {
        Assert.Equal(expected, BinSizes.ForRange(rangeTicks));
    }

    [Fact]
    public void FinerThan_EachSize_StepsDownTheLadderToOneTick()
    {
        Assert.Equal(TimeSpan.TicksPerMinute, BinSizes.FinerThan(TimeSpan.TicksPerHour));
        Assert.Equal(TimeSpan.TicksPerSecond, BinSizes.FinerThan(TimeSpan.TicksPerMinute));
        Assert.Equal(TimeSpan.TicksPerMillisecond, BinSizes.FinerThan(TimeSpan.TicksPerSecond));
        Assert.Equal(1, BinSizes.FinerThan(TimeSpan.TicksPerMillisecond));
        Assert.Equal(TimeSpan.TicksPerHour, BinSizes.FinerThan((37 * TimeSpan.TicksPerMinute) + (2 * TimeSpan.TicksPerHour)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinSizes.FinerThan(1));
    }
}
