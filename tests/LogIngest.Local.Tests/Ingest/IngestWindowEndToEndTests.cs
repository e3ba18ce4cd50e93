using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Transform;
using LogIngest.Local.Simulation;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Local.Tests.Ingest;

public sealed class IngestWindowEndToEndTests : IDisposable
{
    private static readonly DateTime Day = IngestHarness.Day;
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IngestWindow_SameWindowTwice_ByteIdenticalFiles()
    {
        var window = Interval.FromUtc(Day.AddHours(22), Day.AddHours(26));
        var first = await _harness.IngestAsync(window);
        var bytes = first.Files.Select(f => File.ReadAllBytes(_harness.FullPath(f))).ToList();

        using var other = new IngestHarness();
        var second = await other.IngestAsync(window);
        var again = await _harness.IngestAsync(window);

        Assert.Equal(first.Files, second.Files);
        Assert.Equal(first.Files, again.Files);
        for (var i = 0; i < bytes.Count; i++)
        {
            Assert.Equal(bytes[i], File.ReadAllBytes(other.FullPath(second.Files[i])));
            Assert.Equal(bytes[i], File.ReadAllBytes(_harness.FullPath(again.Files[i])));
        }

        Assert.Equal(0, again.OrphansRemoved);
        Assert.Equal(first.Files, _harness.Files());
    }

    [Fact]
    public async Task IngestWindow_DecimalAndTimespanColumns_EveryReaderReadsDecimal38x18AndTicks()
    {
        var window = Interval.FromUtc(Day.AddHours(9), Day.AddHours(9).AddMinutes(20));
        var file = _harness.FullPath(Assert.Single((await _harness.IngestAsync(window)).Files));
        var expected = new Dictionary<Guid, (string? Quota, string? Elapsed)>();
        await foreach (var batch in _harness.Workspace.QueryAsync(new Core.Model.LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, window)))
        {
            var (item, quota, elapsed) = (Column(batch, "_ItemId"), Column(batch, "StorageQuotaGb"), Column(batch, "ElapsedTime"));
            for (var row = 0; row < batch.RowCount; row++)
            {
                expected[Guid.Parse(item.GetText(row)!)] = (quota.GetText(row), elapsed.GetText(row));
            }
        }

        var inspections = await ParquetInspector.ReadAsync([new ParquetReadRequest(file, Metadata: true)]);

        Assert.Equal(ParquetReaders.All, inspections.Select(i => i.Reader));
        Assert.Contains(expected.Values, v => v.Quota is not null && v.Quota.Contains('.', StringComparison.Ordinal));
        Assert.Contains(expected.Values, v => v.Quota is null);
        foreach (var inspection in inspections)
        {
            Assert.Null(inspection.Error);
            var names = inspection.Schema.Select(s => s.Name).ToList();
            var (item, quota, elapsed) = (names.IndexOf("_ItemId"), names.IndexOf("StorageQuotaGb"), names.IndexOf("ElapsedTime"));
            Assert.Equal(expected.Count, inspection.Rows.Count);
            foreach (var row in inspection.Rows)
            {
                // _ItemId is a guid column, so a UUID in the lake.
                var (quotaText, elapsedText) = expected[InspectedValues.Uuid(row[item].GetString()!)];
                var where = $"{inspection.Reader}, row {row[item]}";
                AssertDecimal(quotaText, row[quota], inspection.Reader, where);
                if (elapsedText is null)
                {
                    Assert.Equal(JsonValueKind.Null, row[elapsed].ValueKind);
                }
                else
                {
                    // INT64 100 ns ticks, spelled as a decimal string by every reader's normalisation.
                    Assert.Equal(TimeSpan.ParseExact(elapsedText, "c", CultureInfo.InvariantCulture).Ticks.ToString(CultureInfo.InvariantCulture), row[elapsed].GetString());
                }
            }
        }

        var duckTypes = inspections[0].Schema.ToDictionary(s => s.Name, s => s.Type);
        Assert.Equal("DECIMAL(38,18)", duckTypes["StorageQuotaGb"]);
        Assert.Equal("BIGINT", duckTypes["ElapsedTime"]);
        Assert.Equal("FIXED_LEN_BYTE_ARRAY/DECIMAL", inspections[1].Schema.Single(s => s.Name == "StorageQuotaGb").Type);
        Assert.Equal("Decimal[38e+18]", inspections[2].Schema.Single(s => s.Name == "StorageQuotaGb").Type);
    }

    private static LogColumn Column(LogBatch batch, string name) => batch.Columns.Single(c => c.Name == name);

    // Each reader spells a DECIMAL its own way: DuckDB as text at scale 18, Parquet.Net as a .NET decimal,
    // parquet-wasm (Arrow) as the unscaled integer, hyparquet as a double.
    private static void AssertDecimal(string? expected, JsonElement actual, string reader, string where)
    {
        if (expected is null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected null, read {actual}");
            return;
        }

        var value = decimal.Parse(expected, CultureInfo.InvariantCulture);
        switch (reader)
        {
            case ParquetReaders.ParquetWasm:
                Assert.Equal(value * 1_000_000_000_000_000_000m, decimal.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            case ParquetReaders.Hyparquet:
                Assert.Equal((double)value, actual.GetDouble(), 9);
                break;
            default:
                Assert.True(decimal.Parse(actual.ValueKind == JsonValueKind.String ? actual.GetString()! : actual.GetRawText(), CultureInfo.InvariantCulture) == value, $"{where}: expected {expected}, read {actual}");
                break;
        }
    }

    [Fact]
    public async Task IngestWindow_WindowSpansMidnight_TwoDayFilesSummingToSourceCount()
    {
        var window = Interval.FromUtc(Day.AddHours(-3), Day.AddHours(3));

        var result = await _harness.IngestAsync(window);

        var count = await _harness.CountAsync(window);
        Assert.Equal(WindowStatus.Completed, result.Status);
        Assert.Equal(
            [
                $"loganalytics/OfficeActivity/year=2024/month=03/day=04/OfficeActivity-{WindowFileName.FormatInstant(window.Start)}-{WindowFileName.FormatInstant(window.End)}.parquet",
                $"loganalytics/OfficeActivity/year=2024/month=03/day=05/OfficeActivity-{WindowFileName.FormatInstant(window.Start)}-{WindowFileName.FormatInstant(window.End)}.parquet",
            ],
            result.Files);
        Assert.Equal(count, result.SourceCount);
        Assert.Equal(count, result.Rows);

        var perFile = await DuckDbSql.RunAsync(result.Files.Select(f =>
            $"SELECT count(*)::VARCHAR AS n, min(TimeGenerated)::VARCHAR AS lo, max(TimeGenerated)::VARCHAR AS hi FROM read_parquet({DuckDbSql.Literal(_harness.FullPath(f))})"));
        var counts = perFile.Select(r => long.Parse(r.Rows[0].GetProperty("n").GetString()!)).ToList();
        Assert.Equal(count, counts.Sum());
        Assert.All(counts, n => Assert.True(n > 0));
        Assert.StartsWith("2024-03-04 2", perFile[0].Rows[0].GetProperty("hi").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2024-03-05 0", perFile[1].Rows[0].GetProperty("lo").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestWindow_WholeDayWithIdenticalBurstRows_CompositeKeysUnique()
    {
        // Projecting most columns away makes the day's same-instant burst a crowd of identical rows.
        const string filter = "project-away _ItemId, TenantId, OrganizationId, UserKey, UserId, ClientIP, OfficeObjectId, Site_Url, ItemCount, SizeBytes, IsManagedDevice, ElapsedTime, RiskScore, StorageQuotaGb, ResultStatus, UserType, RecordType, ExtendedProperties";
        long rows = 0;
        for (var hour = 0; hour < 24; hour += 6)
        {
            var window = Interval.FromUtc(Day.AddHours(hour), Day.AddHours(hour + 6));
            var result = await _harness.Activity.RunAsync(new IngestWindowInput(IngestHarness.Config(filter) with { Flatten = [] }, "run", TimeAxis.TimeGenerated, window, null));
            rows += result.Rows;
        }

        var stats = await DuckDbSql.RunAsync(
        [
            $"SELECT count(*)::VARCHAR AS n, count(DISTINCT (TimeGenerated, composite_key))::VARCHAR AS keys FROM {_harness.ReadParquetSql}",
            $"SELECT max(c)::VARCHAR AS crowd FROM (SELECT *, count(*) AS c FROM (SELECT * EXCLUDE (composite_key) FROM {_harness.ReadParquetSql}) GROUP BY ALL)",
        ]);
        var total = long.Parse(stats[0].Rows[0].GetProperty("n").GetString()!);
        Assert.Equal(await _harness.CountAsync(Interval.FromUtc(Day, Day.AddDays(1)), filter: filter), total);
        Assert.Equal(rows, total);
        Assert.Equal(total, long.Parse(stats[0].Rows[0].GetProperty("keys").GetString()!));
        Assert.True(long.Parse(stats[1].Rows[0].GetProperty("crowd").GetString()!) > 50, "the burst should hold many identical rows");
    }

    [Fact]
    public async Task IngestWindow_OrphanOfCoarserPlan_RemovedAndEveryInstantCoveredOnce()
    {
        var coarse = Interval.FromUtc(Day.AddHours(1), Day.AddHours(7));
        var stale = await _harness.IngestAsync(coarse); // an earlier plan's window that never checkpointed

        var finer = new[] { Interval.FromUtc(Day, Day.AddHours(4)), Interval.FromUtc(Day.AddHours(4), Day.AddHours(8)) };
        var first = await _harness.IngestAsync(finer[0]);
        var second = await _harness.IngestAsync(finer[1]);

        Assert.Equal(1, first.OrphansRemoved);
        Assert.Equal(0, second.OrphansRemoved);
        Assert.DoesNotContain(stale.Files[0], _harness.Files());
        Assert.Equal(first.Files.Concat(second.Files).Order(StringComparer.Ordinal), _harness.Files());
        AssertDisjoint(_harness.Files());

        var (rows, keys) = DuckDbParquet.CountRowIdentities(_harness.TableGlob);
        var expected = await _harness.CountAsync(Interval.FromUtc(Day, Day.AddHours(8)));
        Assert.Equal(expected, rows);
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task IngestWindow_InstantRePlannedAsKeySlices_UnsplitFileRemovedSlicesKept()
    {
        var instant = await BurstInstantAsync();
        var whole = await _harness.IngestAsync(instant);
        var slices = new List<WindowResult>();
        for (var r = 0; r < 3; r++)
        {
            slices.Add(await _harness.IngestAsync(instant, new KeySplit(3, r)));
        }

        Assert.Equal(1, slices[0].OrphansRemoved);
        Assert.Equal(0, slices[1].OrphansRemoved + slices[2].OrphansRemoved);
        Assert.Equal(whole.Rows, slices.Sum(s => s.Rows));
        Assert.Equal(slices.SelectMany(s => s.Files).Order(StringComparer.Ordinal), _harness.Files());
        Assert.All(slices, s => Assert.EndsWith($"-k{s.Split!.Value.Remainder}of3.parquet", s.Files[0], StringComparison.Ordinal));

        var stats = await DuckDbSql.RunAsync([$"SELECT count(DISTINCT (TimeGenerated, composite_key))::VARCHAR AS k FROM {_harness.ReadParquetSql}"]);
        Assert.Equal(whole.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), stats[0].Rows[0].GetProperty("k").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IngestWindow_ResultOverRowOrByteCap_SplitRequiredAndLakeEmpty(bool rowCap)
    {
        var options = new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 20_000, BatchRows = 512 };
        if (rowCap)
        {
            options.MaxResultRows = 1000;
        }
        else
        {
            options.MaxResultBytes = 500_000;
        }

        using var harness = new IngestHarness(options);
        var window = Interval.FromUtc(Day.AddHours(10), Day.AddHours(14));

        var result = await harness.IngestAsync(window);

        Assert.Equal(WindowStatus.SplitRequired, result.Status);
        Assert.Contains("truncated", result.SplitReason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.Files);
        Assert.Empty(harness.Files());
    }

    [Fact]
    public async Task IngestWindow_IngestionTimeWindow_RowsLandOnTheirEventDays()
    {
        var window = Interval.FromUtc(Day.AddMinutes(-10), Day.AddMinutes(50));

        var result = await _harness.IngestAsync(window, axis: TimeAxis.IngestionTime);

        Assert.Equal(await _harness.CountAsync(window, axis: TimeAxis.IngestionTime), result.Rows);
        Assert.Equal(2, result.Files.Count); // late rows of the previous evening land on its day
        Assert.All(result.Files, f => Assert.EndsWith($"OfficeActivity-i{WindowFileName.FormatInstant(window.Start)}-{WindowFileName.FormatInstant(window.End)}.parquet", f, StringComparison.Ordinal));
    }

    private async Task<Interval> BurstInstantAsync()
    {
        var bins = await _harness.Workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, Interval.FromUtc(Day, Day.AddDays(1)), TimeSpan.FromMinutes(1)));
        var busiest = bins.MaxBy(b => b.Rows);
        var ticks = await _harness.Workspace.GetHistogramAsync(new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, busiest.Span, TimeSpan.FromTicks(1)));
        var instant = ticks.MaxBy(b => b.Rows);
        Assert.True(instant.Rows >= 1000, "the simulated day has one instant holding the burst");
        return instant.Span;
    }

    private static void AssertDisjoint(IEnumerable<string> files)
    {
        var byDay = files.GroupBy(f => f[..f.LastIndexOf('/')]);
        foreach (var day in byDay)
        {
            var ranges = day.Select(f =>
            {
                Assert.True(WindowFileName.TryParse(f, "OfficeActivity", out var name), f);
                return name;
            }).ToList();
            for (var i = 0; i < ranges.Count; i++)
            {
                for (var j = i + 1; j < ranges.Count; j++)
                {
                    Assert.False(ranges[i].Overlaps(ranges[j]), $"{ranges[i].FileName} overlaps {ranges[j].FileName}");
                }
            }
        }
    }
}
