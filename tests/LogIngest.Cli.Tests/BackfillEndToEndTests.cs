using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Model;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Cli.Tests;

public class BackfillEndToEndTests
{
    private const long RowsPerDay = 3000;
    private static readonly string Volume = RowsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Backfill_SevenDays_ReconcilesExactlyAndRerunIsNoOp()
    {
        using var sandbox = new CliSandbox();
        string[] backfill = ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-13T00:00:00Z", "--sim-rows-per-day", Volume, "--json"];
        var expected = await Simulated.CountAsync(RowsPerDay, TimeAxis.TimeGenerated, new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), new(2025, 1, 13, 0, 0, 0, TimeSpan.Zero));

        var first = await sandbox.RunAsync(backfill);
        Assert.True(first.ExitCode == 0, first.ToString());
        var run = first.Json();
        Assert.Equal("SUCCEEDED", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("windows").GetInt32() > 0);
        Assert.Equal(expected, run.GetProperty("rows").GetInt64());

        var verify = await sandbox.RunAsync(["verify", "--sim-rows-per-day", Volume, "--json"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var report = verify.Json();
        Assert.True(report.GetProperty("ok").GetBoolean());
        Assert.Equal(0, report.GetProperty("findings").GetArrayLength());
        Assert.Equal(expected, report.GetProperty("rows_lake").GetInt64());
        Assert.Equal(expected, report.GetProperty("distinct_keys").GetInt64());
        Assert.Equal(expected, report.GetProperty("reconciliations")[0].GetProperty("rows_source").GetInt64());

        var second = await sandbox.RunAsync(backfill);
        Assert.True(second.ExitCode == 0, second.ToString());
        var rerun = second.Json();
        Assert.Equal(0, rerun.GetProperty("windows_planned").GetInt32());
        Assert.Equal(0, rerun.GetProperty("windows").GetInt32());
        Assert.Equal(0, rerun.GetProperty("rows").GetInt64());
        Assert.Equal(0, rerun.GetProperty("queries").GetInt64());
    }

    [Fact]
    public async Task Backfill_OneHourWithFlatten_OneReadableFileWithFlattenedColumns()
    {
        using var sandbox = new CliSandbox();

        var load = await sandbox.RunAsync(["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06T06:00:00Z", "--to", "2025-01-06T07:00:00Z",
            "--flatten", "ExtendedProperties", "--sim-rows-per-day", Volume, "--json"]);

        Assert.True(load.ExitCode == 0, load.ToString());
        var rows = load.Json().GetProperty("rows").GetInt64();
        Assert.True(rows > 0);

        // One hour at the default parallelism of 4 is one range, one window, one file, named by its instants.
        var file = Assert.Single(Directory.GetFiles(sandbox.LakeFolder, "*.parquet", SearchOption.AllDirectories));
        Assert.Equal("OfficeActivity-20250106T060000.0000000Z-20250106T070000.0000000Z.parquet", Path.GetFileName(file));
        var read = LogIngest.TestSupport.Parquet.DuckDbParquet.Query(
            $"SELECT count(*), count(ExtendedProperties_UserAgent) FROM {LogIngest.TestSupport.Parquet.DuckDbParquet.Source(file)}");
        Assert.Equal(rows, Convert.ToInt64(read.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Convert.ToInt64(read.Rows[0][1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Backfill_DriftingMonthWithFlatten_DuckDbReadsEveryFileByNameWithOneSchema()
    {
        using var sandbox = new CliSandbox();

        // Two-day windows in one range: the first windows run (and write) before any window meets the
        // mid-month key, so their files must be written again with the final columns.
        var config = sandbox.WriteFile("drift.json", """
            {
              "id": "officeactivity",
              "table": "OfficeActivity",
              "source": { "kind": "simulated" },
              "mode": "backfill",
              "from": "2025-01-01T00:00:00Z",
              "to": "2025-02-01T00:00:00Z",
              "flatten": ["ExtendedProperties"],
              "limits": { "maxRows": 4000, "maxBytes": 48000000, "minRows": 1000 },
              "parallelism": 1
            }
            """);
        var load = await sandbox.RunAsync(["run", "--config", config, "--sim-rows-per-day", "2000", "--json"]);

        Assert.True(load.ExitCode == 0, load.ToString());
        var rows = load.Json().GetProperty("rows").GetInt64();
        var glob = sandbox.LakeFolder + "/**/*.parquet";
        var files = Directory.GetFiles(sandbox.LakeFolder, "*.parquet", SearchOption.AllDirectories).Length;
        Assert.True(files >= 31, $"{files} files");

        // One schema: every column name with one type, in every file.
        var columns = DuckDbParquet.Query(
            $"SELECT name, count(DISTINCT type), count(DISTINCT file_name) FROM parquet_schema({DuckDbSql.Literal(glob)}) WHERE num_children IS NULL OR num_children = 0 GROUP BY name");
        Assert.All(columns.Rows, c => Assert.True(Convert.ToInt64(c[1], CultureInfo.InvariantCulture) == 1 && Convert.ToInt64(c[2], CultureInfo.InvariantCulture) == files, $"{c[0]}: {c[1]} types in {c[2]} of {files} files"));

        // By name, without union_by_name: the key that appears mid-month, the rare key, the key whose values turn to text.
        var read = DuckDbParquet.Query(
            "SELECT count(*), count(ExtendedProperties_DeviceCompliance), min(TimeGenerated) FILTER (WHERE ExtendedProperties_DeviceCompliance IS NOT NULL)::VARCHAR, " +
            "count(ExtendedProperties_DebugTrace), count(*) FILTER (WHERE ExtendedProperties_Retries = 'many'), count(*) FILTER (WHERE ExtendedProperties_Retries = '2'), " +
            "any_value(typeof(ExtendedProperties_Retries)), any_value(typeof(StorageQuotaGb)) " +
            $"FROM read_parquet({DuckDbSql.Literal(glob)})").Rows[0];
        Assert.Equal(rows, Convert.ToInt64(read[0], CultureInfo.InvariantCulture));
        Assert.True(Convert.ToInt64(read[1], CultureInfo.InvariantCulture) > 0);
        Assert.True(string.CompareOrdinal((string)read[2]!, "2025-01-10") >= 0, $"DeviceCompliance first at {read[2]}");
        Assert.True(Convert.ToInt64(read[3], CultureInfo.InvariantCulture) > 0);
        Assert.True(Convert.ToInt64(read[4], CultureInfo.InvariantCulture) > 0);
        Assert.True(Convert.ToInt64(read[5], CultureInfo.InvariantCulture) > 0);
        Assert.Equal("VARCHAR", read[6]);
        Assert.Equal("DECIMAL(38,18)", read[7]);

        // The keys and the schema events that added them are in state, and status reports them.
        var status = await sandbox.RunAsync(["status", "--json"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        var schema = status.Json().GetProperty("configs")[0].GetProperty("flatten_schema");
        var keys = schema.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("ExtendedProperties.DeviceCompliance", keys);
        Assert.Contains("ExtendedProperties.DebugTrace", keys);
        var compliance = schema.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("added").EnumerateArray().Any(k => k.GetString() == "ExtendedProperties.DeviceCompliance"));
        Assert.True(string.CompareOrdinal(compliance.GetProperty("window_start").GetString(), "2025-01-02") >= 0);
        var text = await sandbox.RunAsync(["status"]);
        Assert.Contains($"flatten schema of 'officeactivity': version {schema.GetProperty("version").GetInt32()}, {keys.Count} flattened column(s)", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StoppedMidwayThenRerun_ReconcilesExactly()
    {
        using var sandbox = new CliSandbox();
        const long volume = 4000;
        var rows = volume.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var config = sandbox.WriteFile("stoppable.json", """
            {
              "id": "stoppable",
              "table": "OfficeActivity",
              "source": { "kind": "simulated" },
              "mode": "backfill",
              "from": "2025-02-03T00:00:00Z",
              "to": "2025-02-05T00:00:00Z",
              "limits": { "maxRows": 1500, "maxBytes": 48000000, "minRows": 500 },
              "parallelism": 1
            }
            """);
        var expected = await Simulated.CountAsync(volume, TimeAxis.TimeGenerated, new(2025, 2, 3, 0, 0, 0, TimeSpan.Zero), new(2025, 2, 5, 0, 0, 0, TimeSpan.Zero));

        // Ask for a clean stop as soon as the first window is checkpointed, as a first Ctrl+C would.
        var stopped = await sandbox.RunAsync(["run", "--config", config, "--sim-rows-per-day", rows, "--json"], (progress, environment) =>
        {
            if (progress.WindowsCompleted >= 1)
            {
                environment.RequestStop();
            }
        });
        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        var partial = stopped.Json();
        Assert.Equal("PARTIAL", partial.GetProperty("status").GetString());
        Assert.True(partial.GetProperty("windows_stopped").GetInt32() > 0, stopped.Out);
        Assert.True(partial.GetProperty("rows").GetInt64() < expected);

        // What a stopped run leaves is consistent: every file checkpointed, nothing half-written.
        var midway = await sandbox.RunAsync(["verify", "--sim-rows-per-day", rows, "--json"]);
        Assert.True(midway.ExitCode == 0, midway.ToString());

        var resumed = await sandbox.RunAsync(["run", "--config", "stoppable", "--sim-rows-per-day", rows, "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var rest = resumed.Json();
        Assert.Equal(expected, partial.GetProperty("rows").GetInt64() + rest.GetProperty("rows").GetInt64());

        var verify = await sandbox.RunAsync(["verify", "--sim-rows-per-day", rows, "--json"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var report = verify.Json();
        Assert.Equal(expected, report.GetProperty("rows_lake").GetInt64());
        Assert.Equal(expected, report.GetProperty("distinct_keys").GetInt64());
    }

    [Fact]
    public async Task Run_IncrementalTwiceADayApart_MissesNoLateRowAndDuplicatesNone()
    {
        using var sandbox = new CliSandbox();
        const long volume = 3000;
        var rows = volume.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var from = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var day1 = from.AddDays(1);
        var day2 = day1.AddDays(1);
        var config = sandbox.WriteFile("daily.json", """
            { "id": "daily", "table": "OfficeActivity", "source": { "kind": "simulated" }, "mode": "incremental",
              "from": "2025-04-01T00:00:00Z", "settleDelay": "00:30:00" }
            """);

        var first = await sandbox.RunAsync(["run", "--config", config, "--sim-rows-per-day", rows, "--now", "2025-04-02T00:00:00Z", "--json"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var watermark1 = await WatermarkAsync(sandbox, rows);

        var second = await sandbox.RunAsync(["run", "--config", "daily", "--sim-rows-per-day", rows, "--now", "2025-04-03T00:00:00Z", "--json"]);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(second.Json().GetProperty("windows").GetInt32() > 0);
        var watermark2 = await WatermarkAsync(sandbox, rows);
        Assert.True(watermark2 > watermark1);

        // Late rows were there to miss: rows of day 1 that reached the workspace only after the first run.
        var seenOnDay1 = await Simulated.CountAsync(volume, TimeAxis.TimeGenerated, from, watermark1, day1);
        var seenOnDay2 = await Simulated.CountAsync(volume, TimeAxis.TimeGenerated, from, watermark1, day2);
        Assert.True(seenOnDay2 > seenOnDay1, $"no late rows in the simulation ({seenOnDay1} vs {seenOnDay2})");

        var arrived = await Simulated.CountAsync(volume, TimeAxis.IngestionTime, from, watermark2, day2.AddHours(1));
        var verify = await sandbox.RunAsync(["verify", "--sim-rows-per-day", rows, "--now", "2025-04-03T00:05:00Z", "--json"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var report = verify.Json();
        Assert.Equal(arrived, report.GetProperty("rows_lake").GetInt64());
        Assert.Equal(arrived, report.GetProperty("distinct_keys").GetInt64());
        var coverage = report.GetProperty("reconciliations")[0].GetProperty("coverage");
        Assert.Equal(1, coverage.GetArrayLength());
        Assert.Equal(from, DateTimeOffset.Parse(coverage[0].GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<DateTimeOffset> WatermarkAsync(CliSandbox sandbox, string rows)
    {
        var status = await sandbox.RunAsync(["status", "--sim-rows-per-day", rows, "--json"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        var text = status.Json().GetProperty("configs")[0].GetProperty("watermark").GetString();
        Assert.NotNull(text);
        return DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
