using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Local.Simulation;

namespace LogIngest.Local.Tests.Simulation;

public class SimulatedWorkspaceTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Day = new(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc); // a Monday

    private static SimulatedWorkspace Workspace(long seed = 7, long officeRowsPerDay = 20_000, TimeProvider? clock = null, Action<SimulatedWorkspaceOptions>? configure = null)
    {
        var options = new SimulatedWorkspaceOptions { Seed = seed, OfficeActivityRowsPerDay = officeRowsPerDay, HeartbeatRowsPerDay = 5_000 };
        configure?.Invoke(options);
        return new SimulatedWorkspace(options, clock ?? new ManualClock(Now));
    }

    private static Interval Window(DateTime start, TimeSpan length) => Interval.FromUtc(start, start + length);

    private static async Task<List<string>> RowsAsync(SimulatedWorkspace workspace, LogWindowQuery query)
    {
        var rows = new List<string>();
        await foreach (var batch in workspace.QueryAsync(query))
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(string.Join("\u001f", batch.Columns.Select(c => c.FormatValue(r) ?? "<null>")));
            }
        }

        return rows;
    }

    private static async Task<List<string>> ItemIdsAsync(SimulatedWorkspace workspace, LogWindowQuery query)
    {
        var ids = new List<string>();
        await foreach (var batch in workspace.QueryAsync(query))
        {
            var column = batch.FindColumn("_ItemId")!;
            for (var r = 0; r < batch.RowCount; r++)
            {
                ids.Add(column.GetText(r)!);
            }
        }

        return ids;
    }

    [Fact]
    public async Task QueryAsync_SameWindowTwiceAndOnANewInstance_ReturnsIdenticalRows()
    {
        var query = new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day.AddHours(13), TimeSpan.FromMinutes(30)));

        var first = await RowsAsync(Workspace(), query);
        var second = await RowsAsync(Workspace(), query);
        var again = await RowsAsync(Workspace(), query);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(first, again);
        Assert.NotEqual(first, await RowsAsync(Workspace(seed: 8), query));
    }

    [Theory]
    [InlineData(TimeAxis.TimeGenerated)]
    [InlineData(TimeAxis.IngestionTime)]
    public async Task QueryAsync_WindowSplitAtOddTicks_EqualsUnionOfSubWindows(TimeAxis axis)
    {
        var workspace = Workspace();
        var whole = Window(Day.AddHours(9), TimeSpan.FromHours(1));
        var cuts = new[] { whole.Start, whole.Start + 123_456_789, whole.Start + TimeSpan.TicksPerMinute * 17 + 1, whole.Start + TimeSpan.TicksPerMinute * 40, whole.End };

        var all = await ItemIdsAsync(workspace, new LogWindowQuery("OfficeActivity", axis, whole));
        var parts = new List<string>();
        long countSum = 0;
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            var part = new LogWindowQuery("OfficeActivity", axis, new Interval(cuts[i], cuts[i + 1]));
            parts.AddRange(await ItemIdsAsync(workspace, part));
            countSum += await workspace.CountAsync(part);
        }

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(all.Order(), parts.Order());
        Assert.Equal(all.Count, countSum);
        Assert.Equal(all.Count, await workspace.CountAsync(new LogWindowQuery("OfficeActivity", axis, whole)));
    }

    [Theory]
    [InlineData(TimeAxis.TimeGenerated, 3600L * 10_000_000)]
    [InlineData(TimeAxis.TimeGenerated, 7L * 60 * 10_000_000 + 3)]
    [InlineData(TimeAxis.TimeGenerated, 10_000_000L)]
    [InlineData(TimeAxis.IngestionTime, 3600L * 10_000_000)]
    public async Task GetHistogramAsync_AnyBin_BinsSumToWindowCount(TimeAxis axis, long binTicks)
    {
        var workspace = Workspace();
        var range = new Interval(Day.AddHours(2).Ticks + 12345, Day.AddHours(8).Ticks + 999);

        var bins = await workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", axis, range, TimeSpan.FromTicks(binTicks)));
        var count = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", axis, range));

        Assert.True(count > 0);
        Assert.Equal(count, bins.Sum(b => b.Rows));
        Assert.All(bins, b => Assert.True(range.Contains(b.Span) && b.Rows > 0 && b.Bytes > 0));
        Assert.Equal(bins.OrderBy(b => b.Span.Start).Select(b => b.Span.Start), bins.Select(b => b.Span.Start));
    }

    [Fact]
    public async Task GetHistogramAsync_ThirtyDaysAtFiveMillionRowsPerDay_SumsToCountWithoutGeneratingRows()
    {
        var workspace = Workspace(officeRowsPerDay: 5_000_000);
        var range = Window(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromDays(30));

        var bins = await workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, range, TimeSpan.FromHours(1)));
        var count = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, range));

        Assert.Equal(720, bins.Count);
        Assert.Equal(count, bins.Sum(b => b.Rows));
        Assert.InRange(count, 30 * 5_000_000 * 0.8, 30 * 5_000_000 * 1.2);
    }

    [Fact]
    public async Task QueryAsync_KeySplitSlices_PartitionTheWindow()
    {
        var workspace = Workspace();
        var window = Window(Day.AddHours(15), TimeSpan.FromMinutes(20));
        var all = await ItemIdsAsync(workspace, new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, window));

        var slices = new List<string>();
        for (var k = 0; k < 3; k++)
        {
            var slice = new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, window) { Split = new KeySplit(3, k) };
            var ids = await ItemIdsAsync(workspace, slice);
            Assert.NotEmpty(ids);
            Assert.Equal(ids.Count, await workspace.CountAsync(slice));
            slices.AddRange(ids);
        }

        Assert.Equal(all.Order(), slices.Order());
    }

    [Fact]
    public async Task GetHistogramAsync_TickBinsOnBurstMinute_FindsThousandsOfRowsAtOneInstant()
    {
        var workspace = Workspace();
        var day = Window(Day, TimeSpan.FromDays(1));
        var minutes = await workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, day, TimeSpan.FromMinutes(1)));
        var busiest = minutes.MaxBy(b => b.Rows);

        var ticks = await workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, busiest.Span, TimeSpan.FromTicks(1)));

        Assert.True(ticks.Max(b => b.Rows) >= 1_000, $"largest instant holds {ticks.Max(b => b.Rows)} rows");
    }

    [Fact]
    public async Task CountAsync_ShapeOfTraffic_WeekdaysAndAfternoonsAreBusier()
    {
        var workspace = Workspace();
        var monday = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day, TimeSpan.FromDays(1))));
        var saturday = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day.AddDays(5), TimeSpan.FromDays(1))));
        var night = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day.AddHours(1), TimeSpan.FromHours(3))));
        var afternoon = await workspace.CountAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day.AddHours(13), TimeSpan.FromHours(3))));

        Assert.True(monday > saturday * 1.5, $"monday {monday}, saturday {saturday}");
        Assert.True(afternoon > night * 2, $"afternoon {afternoon}, night {night}");
    }

    [Fact]
    public async Task CountAsync_ClockAdvances_LateRowsAppearOnBothAxes()
    {
        var clock = new ManualClock(new DateTimeOffset(Day.AddHours(12)));
        var workspace = Workspace(clock: clock);
        var lastHour = Window(Day.AddHours(11), TimeSpan.FromHours(1));
        var eventQuery = new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, lastHour);
        var arrivalQuery = new LogWindowQuery("OfficeActivity", TimeAxis.IngestionTime, Window(Day, TimeSpan.FromDays(2)));

        var eventNow = await workspace.CountAsync(eventQuery);
        var arrivedNow = await workspace.CountAsync(arrivalQuery);
        clock.Now = clock.Now.AddHours(7); // past the 6 h lag cap: every row of that hour has arrived
        var eventLater = await workspace.CountAsync(eventQuery);
        var arrivedLater = await workspace.CountAsync(arrivalQuery);

        Assert.True(eventLater > eventNow, $"{eventNow} -> {eventLater}");
        Assert.True(arrivedLater > arrivedNow);
        Assert.Equal(eventLater, (await ItemIdsAsync(workspace, eventQuery)).Count);
        clock.Now = clock.Now.AddDays(3);
        Assert.Equal(eventLater, await workspace.CountAsync(eventQuery));
    }

    [Fact]
    public async Task QueryAsync_ArrivalWindowAfterEventWindow_HoldsRowsThatHappenedEarlier()
    {
        var workspace = Workspace();
        var arrivals = Window(Day.AddHours(12), TimeSpan.FromHours(1));
        var late = 0;
        await foreach (var batch in workspace.QueryAsync(new LogWindowQuery("OfficeActivity", TimeAxis.IngestionTime, arrivals)))
        {
            var time = batch.FindColumn("TimeGenerated")!;
            for (var r = 0; r < batch.RowCount; r++)
            {
                Assert.True(time.GetInt64(r) < arrivals.End);
                if (time.GetInt64(r) < arrivals.Start - TimeSpan.TicksPerMinute * 30)
                {
                    late++;
                }
            }
        }

        Assert.True(late > 0, "some rows arrive more than 30 minutes late");
    }

    [Fact]
    public async Task QueryAsync_OverRowLimit_YieldsTheCapThenThrowsTruncated()
    {
        var workspace = Workspace(configure: o => o.MaxResultRows = 1_000);
        var rows = 0;

        var error = await Assert.ThrowsAsync<LogIngestException>(async () =>
        {
            await foreach (var batch in workspace.QueryAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day.AddHours(12), TimeSpan.FromHours(2)))))
            {
                rows += batch.RowCount;
            }
        });

        Assert.Equal(ErrorCodes.ResultTruncated, error.Code);
        Assert.Equal(1_000, rows);
    }

    [Fact]
    public async Task QueryAsync_SupportedFilter_KeepsOnlyMatchingRowsAndDropsColumns()
    {
        var workspace = Workspace();
        var window = Window(Day.AddHours(14), TimeSpan.FromMinutes(10));
        var filtered = new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, window) { Filter = "where Operation != 'FileAccessed' | project-away ClientIP" };

        var rows = 0;
        await foreach (var batch in workspace.QueryAsync(filtered))
        {
            Assert.Null(batch.FindColumn("ClientIP"));
            var operation = batch.FindColumn("Operation")!;
            for (var r = 0; r < batch.RowCount; r++)
            {
                Assert.NotEqual("FileAccessed", operation.GetText(r));
                rows++;
            }
        }

        var all = await workspace.CountAsync(filtered with { Filter = null });
        Assert.InRange(rows, 1, all - 1);
        Assert.Equal(rows, await workspace.CountAsync(filtered));
        Assert.Equal(rows, (await workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, window, TimeSpan.FromMinutes(5)) { Filter = filtered.Filter })).Sum(b => b.Rows));
    }

    [Theory]
    [InlineData("NoSuchTable", null, ErrorCodes.UnknownTable)]
    [InlineData("OfficeActivity", "extend x = 1", ErrorCodes.QueryRejected)]
    [InlineData("OfficeActivity", "where NoColumn == 'x'", ErrorCodes.QueryRejected)]
    [InlineData("OfficeActivity", "union Heartbeat", ErrorCodes.QueryRejected)]
    public async Task CountAsync_UnknownTableOrUnsupportedFilter_ThrowsClassifiedError(string table, string? filter, string code)
    {
        var workspace = Workspace();
        var query = new LogWindowQuery(table, TimeAxis.TimeGenerated, Window(Day, TimeSpan.FromHours(1))) { Filter = filter };

        var error = await Assert.ThrowsAsync<LogIngestException>(() => workspace.CountAsync(query));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task QueryAsync_OfficeActivity_HasEveryColumnTypeAndNulls()
    {
        var workspace = Workspace();
        var seenTypes = new HashSet<LogColumnType>();
        var nulls = new HashSet<string>();
        await foreach (var batch in workspace.QueryAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Window(Day.AddHours(14), TimeSpan.FromMinutes(10)))))
        {
            foreach (var column in batch.Columns)
            {
                seenTypes.Add(column.Type);
                if (column.NullCount > 0)
                {
                    nulls.Add(column.Name);
                }
            }
        }

        Assert.Equal(Enum.GetValues<LogColumnType>().ToHashSet(), seenTypes);
        Assert.Contains("ExtendedProperties", nulls);
        Assert.Contains("ItemCount", nulls);
        Assert.DoesNotContain("TimeGenerated", nulls);
    }
}
