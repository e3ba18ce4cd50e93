using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class BinSizesTests
{
    [Theory]
    [InlineData(30 * TimeSpan.TicksPerDay, TimeSpan.TicksPerMinute)]
    [InlineData(60 * TimeSpan.TicksPerDay, TimeSpan.TicksPerMinute)]
    [InlineData(365 * TimeSpan.TicksPerDay, 15 * TimeSpan.TicksPerMinute)]
    [InlineData(10 * 365 * TimeSpan.TicksPerDay, TimeSpan.TicksPerHour)]
    [InlineData(20 * 365 * TimeSpan.TicksPerDay, TimeSpan.TicksPerDay)]
    [InlineData(TimeSpan.TicksPerDay, TimeSpan.TicksPerSecond)]
    [InlineData(TimeSpan.TicksPerHour, TimeSpan.TicksPerSecond)]
    [InlineData(90_000, 1)]
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
        Assert.Equal(TimeSpan.TicksPerMinute, BinSizes.FinerThan(15 * TimeSpan.TicksPerMinute));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinSizes.FinerThan(1));
    }
}
