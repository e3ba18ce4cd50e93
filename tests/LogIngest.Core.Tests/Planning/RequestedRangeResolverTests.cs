using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

public class RequestedRangeResolverTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static LoadConfig Config(LoadMode mode, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new() { Id = "officeactivity", Table = "OfficeActivity", Mode = mode, From = from, To = to };

    [Fact]
    public void Resolve_IncrementalWithWatermark_RunsFromWatermarkToNowMinusSettleDelayOnIngestionTime()
    {
        var watermark = new DateTimeOffset(2025, 3, 9, 1, 0, 0, TimeSpan.Zero);

        var range = RequestedRangeResolver.Resolve(Config(LoadMode.Incremental, from: Now.AddDays(-30)), watermark, Now);

        Assert.Equal(TimeAxis.IngestionTime, range.Axis);
        Assert.Equal(Interval.FromUtc(watermark, Now.AddMinutes(-30)), range.Span);
    }

    [Fact]
    public void Resolve_IncrementalFirstRunWithFrom_StartsAtFrom()
    {
        var from = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(2));

        var range = RequestedRangeResolver.Resolve(Config(LoadMode.Incremental, from), null, Now);

        Assert.Equal(from.UtcTicks, range.Span.Start);
    }

    [Fact]
    public void Resolve_IncrementalWithoutWatermarkOrFrom_LooksBackTheDefaultDay()
    {
        var range = RequestedRangeResolver.Resolve(Config(LoadMode.Incremental), null, Now);

        Assert.Equal(RequestedRangeResolver.DefaultLookback.Ticks, range.Span.Length);
        Assert.Equal(Now.AddMinutes(-30).UtcTicks, range.Span.End);
    }

    [Fact]
    public void Resolve_IncrementalWatermarkPastTheSettledEnd_IsEmpty()
    {
        var range = RequestedRangeResolver.Resolve(Config(LoadMode.Incremental), Now.AddMinutes(-10), Now);

        Assert.True(range.IsEmpty);
    }

    [Fact]
    public void Resolve_Backfill_IsFromToOnTimeGenerated()
    {
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

        var range = RequestedRangeResolver.Resolve(Config(LoadMode.Backfill, from, to), Now, Now);

        Assert.Equal(TimeAxis.TimeGenerated, range.Axis);
        Assert.Equal(Interval.FromUtc(from, to), range.Span);
        Assert.False(range.ClampedAtNow);
    }

    [Fact]
    public void Resolve_BackfillIntoTheFuture_StopsSettleDelayBeforeNow()
    {
        var config = Config(LoadMode.Backfill, Now.AddDays(-1), Now.AddDays(1));

        var range = RequestedRangeResolver.Resolve(config, null, Now);

        // Rows of the last minutes may not be queryable yet; a window over them would be checkpointed without them.
        Assert.Equal((Now - config.SettleDelay).UtcTicks, range.Span.End);
        Assert.True(config.SettleDelay > TimeSpan.Zero);
        Assert.True(range.ClampedAtNow);
    }

    [Theory]
    [InlineData(false, true, "from")]
    [InlineData(true, false, "to")]
    public void Resolve_BackfillMissingABound_ThrowsNamingIt(bool hasFrom, bool hasTo, string field)
    {
        var config = Config(LoadMode.Backfill, hasFrom ? Now.AddDays(-2) : null, hasTo ? Now.AddDays(-1) : null);

        var error = Assert.Throws<LogIngestException>(() => RequestedRangeResolver.Resolve(config, null, Now));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.StartsWith(field + " is required", error.Message);
    }

    [Fact]
    public void Resolve_BackfillToNotAfterFrom_ThrowsNamingTo()
    {
        var config = Config(LoadMode.Backfill, Now.AddDays(-1), Now.AddDays(-1));

        var error = Assert.Throws<LogIngestException>(() => RequestedRangeResolver.Resolve(config, null, Now));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("to (", error.Message);
        Assert.Contains("must be after from", error.Message);
    }

    [Fact]
    public void Resolve_NegativeSettleDelay_ThrowsNamingSettleDelay()
    {
        var config = Config(LoadMode.Incremental) with { SettleDelay = TimeSpan.FromMinutes(-5) };

        var error = Assert.Throws<LogIngestException>(() => RequestedRangeResolver.Resolve(config, null, Now));

        Assert.StartsWith("settleDelay", error.Message);
    }
}
