using System.Text.Json;

namespace LogIngest.Cli.Tests;

public class DemoAndVerifyTests
{
    private const string Volume = "2000";

    [Fact]
    public async Task Demo_Json_ReconcilesAndSecondRunHasNoNewWindows()
    {
        using var sandbox = new CliSandbox();

        var first = await sandbox.RunAsync(["demo", "--json", "--sim-rows-per-day", Volume]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var demo = first.Json();
        var source = demo.GetProperty("rows_source").GetInt64();
        Assert.True(source > 0);
        Assert.Equal(source, demo.GetProperty("rows_lake").GetInt64());
        Assert.Equal(source, demo.GetProperty("distinct_keys").GetInt64());
        Assert.True(demo.GetProperty("windows").GetInt32() > 0);
        Assert.True(demo.GetProperty("queries").GetInt64() > 0);
        Assert.Equal("2025-03-03T00:00:00Z", demo.GetProperty("requested_from").GetString());
        Assert.Equal("2025-03-06T00:00:00Z", demo.GetProperty("requested_to").GetString());

        var second = await sandbox.RunAsync(["demo", "--json", "--sim-rows-per-day", Volume]);
        Assert.True(second.ExitCode == 0, second.ToString());
        var again = second.Json();
        Assert.Equal(0, again.GetProperty("windows").GetInt32());
        Assert.Equal(0, again.GetProperty("queries").GetInt64());
        Assert.Equal(source, again.GetProperty("rows_lake").GetInt64());
    }

    [Fact]
    public async Task Demo_Plain_PrintsSummaryAndReconciliation()
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["demo", "--sim-rows-per-day", Volume]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var line in new[] { "windows", "rows", "files", "queries", "retries", "duration", "source rows", "lake rows", "distinct keys", "exact (source = lake = distinct keys)" })
        {
            Assert.Contains(line, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_TamperedLake_ReportsEachFindingAndExitsOne()
    {
        using var sandbox = new CliSandbox();
        var load = await sandbox.RunAsync(["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-08", "--sim-rows-per-day", Volume, "--json"]);
        Assert.True(load.ExitCode == 0, load.ToString());
        var files = Directory.GetFiles(sandbox.LakeFolder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 2);

        // One file lost; another copied under a name that claims an overlapping window no checkpoint knows.
        File.Delete(files[0]);
        var copy = files[1];
        Assert.True(LogIngest.Core.Transform.WindowFileName.TryParse(copy.Replace('\\', '/'), "OfficeActivity", out var name));
        var wider = name with { Window = new LogIngest.Core.Model.Interval(name.Window.Start, name.Window.End + 1) };
        File.Copy(copy, Path.Combine(Path.GetDirectoryName(copy)!, wider.FileName));

        var verify = await sandbox.RunAsync(["verify", "--sim-rows-per-day", Volume, "--json"]);

        Assert.True(verify.ExitCode == 1, verify.ToString());
        var report = verify.Json();
        Assert.False(report.GetProperty("ok").GetBoolean());
        var kinds = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToHashSet();
        Assert.Contains("missing-file", kinds);
        Assert.Contains("uncheckpointed-file", kinds);
        Assert.Contains("overlap", kinds);
        Assert.Contains("duplicate-keys", kinds);
    }

    [Fact]
    public async Task Verify_FreshFolder_IsOkWithNothingToCheck()
    {
        using var sandbox = new CliSandbox();

        var verify = await sandbox.RunAsync(["verify", "--json"]);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        var report = verify.Json();
        Assert.True(report.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Array, report.GetProperty("findings").ValueKind);
        Assert.Equal(0, report.GetProperty("configs").GetInt32());
        Assert.False(Directory.Exists(sandbox.StateFolder), "verify created state");
    }

    [Fact]
    public async Task Status_AfterRun_ListsConfigAndRunAndShowsTheRunsEvents()
    {
        using var sandbox = new CliSandbox();
        var load = await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07", "--json"]);
        Assert.True(load.ExitCode == 0, load.ToString());
        var runId = load.Json().GetProperty("run_id").GetString()!;

        var list = await sandbox.RunAsync(["status", "--json"]);
        Assert.True(list.ExitCode == 0, list.ToString());
        var status = list.Json();
        Assert.Equal("heartbeat", status.GetProperty("configs")[0].GetProperty("id").GetString());
        Assert.Equal("SUCCEEDED", status.GetProperty("configs")[0].GetProperty("status").GetString());
        Assert.Equal(runId, status.GetProperty("runs")[0].GetProperty("run_id").GetString());

        var one = await sandbox.RunAsync(["status", runId, "--json"]);
        Assert.True(one.ExitCode == 0, one.ToString());
        var types = one.Json().GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_type").GetString()).ToList();
        Assert.Contains("RUN_START", types);
        Assert.Contains("RUN_END", types);
        Assert.Contains("PARENT", types);
    }
}
