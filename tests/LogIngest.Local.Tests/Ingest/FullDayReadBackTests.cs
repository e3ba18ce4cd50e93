using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Model;
using LogIngest.Core.Verification;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Local.Tests.Ingest;

public sealed class FullDayReadBackTests : IDisposable
{
    private static readonly DateTime Day = IngestHarness.Day;
    private readonly IngestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IngestWindow_FullSimulatedDay_DuckDbHivePartitionsMatchSourceValueByValue()
    {
        // A day in uneven windows, one of them crossing into the next day.
        long[] hours = [0, 5, 9, 13, 17, 21, 24];
        for (var i = 0; i < hours.Length - 1; i++)
        {
            await _harness.IngestAsync(Interval.FromUtc(Day.AddHours(hours[i]), Day.AddHours(hours[i + 1])));
        }

        var dayWindow = Interval.FromUtc(Day, Day.AddDays(1));
        var schema = _harness.Workspace.SchemaOf("OfficeActivity");
        var source = new List<object?[]>();
        await foreach (var batch in _harness.Workspace.QueryAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, dayWindow)))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                source.Add([.. batch.Columns.Select(c => c.GetValue(row))]);
            }
        }

        // Cast what JSON would blur (64-bit integers, doubles, timestamps, JSON) to exact text in DuckDB itself.
        var sql = $"SELECT * REPLACE (strftime(TimeGenerated, '%Y-%m-%dT%H:%M:%S.%f') AS TimeGenerated, SizeBytes::VARCHAR AS SizeBytes, " +
                  $"RiskScore::VARCHAR AS RiskScore, ExtendedProperties::VARCHAR AS ExtendedProperties, year::VARCHAR AS year, month::VARCHAR AS month, day::VARCHAR AS day) " +
                  $"FROM {_harness.ReadParquetSql}";
        var read = (await DuckDbSql.RunAsync([sql]))[0].Rows;
        Assert.Equal(source.Count, read.Count);
        var byItem = read.ToDictionary(r => r.GetProperty("_ItemId").GetString()!);

        var flattened = read[0].EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("ExtendedProperties_", StringComparison.Ordinal)).ToList();
        // Every key the day's rows hold, and no other (the rare DebugTrace included when the day has it).
        var keys = source.SelectMany(v => ExpectedFlattened((string?)v[13]).Keys).Distinct().Select(k => "ExtendedProperties_" + k);
        Assert.Equal(keys.Order(StringComparer.Ordinal), flattened.Order(StringComparer.Ordinal));
        Assert.Contains("ExtendedProperties_Retries", flattened);

        foreach (var values in source)
        {
            var row = byItem[(string)values[2]!];
            for (var c = 0; c < schema.Count; c++)
            {
                AssertValue(schema[c].Name, schema[c].Type, values[c], row.GetProperty(schema[c].Name));
            }

            var time = (DateTime)values[1]!;
            Assert.Equal(time.Year, int.Parse(row.GetProperty("year").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(time.Month, int.Parse(row.GetProperty("month").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(time.Day, int.Parse(row.GetProperty("day").GetString()!, CultureInfo.InvariantCulture));

            var expected = ExpectedFlattened((string?)values[13]);
            foreach (var column in flattened)
            {
                var key = column["ExtendedProperties_".Length..];
                var actual = row.GetProperty(column);
                if (expected.TryGetValue(key, out var value) && value is not null)
                {
                    Assert.Equal(value, actual.GetString());
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, actual.ValueKind);
                }
            }

            Assert.True(long.TryParse(row.GetProperty("composite_key").GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "composite_key should read as a 64-bit integer");
        }
    }

    [Fact]
    public async Task IngestWindow_FullSimulatedDay_VerificationsRowsAndKeysEqualDuckDbsAndTheSource()
    {
        long[] hours = [0, 7, 15, 24];
        for (var i = 0; i < hours.Length - 1; i++)
        {
            await _harness.IngestAsync(Interval.FromUtc(Day.AddHours(hours[i]), Day.AddHours(hours[i + 1])));
        }

        // What verify and the demo's reconciliation read (Parquet.Net), file by file through the lake port.
        var reader = new ParquetLakeFileReader();
        long rows = 0;
        var keys = new HashSet<LakeRowKey>();
        foreach (var file in _harness.Files())
        {
            rows += await reader.ScanAsync(_harness.Lake, file, key => keys.Add(key));
        }

        var (duckRows, duckKeys) = DuckDbParquet.CountRowIdentities(_harness.TableGlob);
        var source = await _harness.CountAsync(Interval.FromUtc(Day, Day.AddDays(1)));
        Assert.Equal(source, rows);
        Assert.Equal(source, keys.Count);
        Assert.Equal(source, duckRows);
        Assert.Equal(source, duckKeys);
    }

    private static void AssertValue(string name, LogColumnType type, object? expected, JsonElement actual)
    {
        if (expected is null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{name}: expected null, read {actual}");
            return;
        }

        switch (type)
        {
            case LogColumnType.Int:
                Assert.Equal((int)expected, actual.GetInt32());
                break;
            case LogColumnType.Long:
                Assert.Equal((long)expected, long.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            case LogColumnType.Real:
                Assert.Equal((double)expected, double.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            case LogColumnType.Bool:
                Assert.Equal((bool)expected, actual.GetBoolean());
                break;
            case LogColumnType.TimeSpan:
                // INT64 100 ns ticks.
                Assert.Equal(TimeSpan.ParseExact((string)expected, "c", CultureInfo.InvariantCulture).Ticks, long.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            case LogColumnType.Decimal:
                // DECIMAL(38, 18), exact.
                Assert.Equal(decimal.Parse((string)expected, CultureInfo.InvariantCulture), decimal.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            case LogColumnType.DateTime:
                // TIMESTAMP(MICROS) keeps microseconds; Kusto's 7th digit (100 ns) is dropped.
                var time = (DateTime)expected;
                Assert.Equal(time.AddTicks(-(time.Ticks % 10)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture), actual.GetString());
                break;
            default:
                Assert.Equal((string)expected, actual.GetString());
                break;
        }
    }

    // What the Col_key columns should hold, worked out with System.Text.Json's DOM.
    private static Dictionary<string, string?> ExpectedFlattened(string? json)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (json is null)
        {
            return result;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                result[property.Name] = Text(property.Value);
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in root.EnumerateArray())
            {
                result[entry.GetProperty("Name").GetString()!] = entry.TryGetProperty("Value", out var v) ? Text(v) : null;
            }
        }

        return result;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
