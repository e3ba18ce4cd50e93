using System.Text.Json;

namespace LogIngest.Cli.Tests;

/// <summary>What keeps a careless user from corrupting the lake: stops, ids, lakes, concurrent runs, ranges, preflight, folders.</summary>
public class SafetyTests
{
    private const string Rows = "3000";

    private static string[] Backfill(string table, string from, string to, params string[] more) =>
        ["backfill", "--simulated", "--table", table, "--from", from, "--to", to, "--sim-rows-per-day", Rows, "--now", "2025-06-01", .. more];

    [Fact]
    public async Task Run_OneStopWithFourRanges_StartsNoQueuedWindowAndEndsPartial()
    {
        using var sandbox = new CliSandbox();
        var config = sandbox.WriteFile("four.json", """
            { "id": "four", "table": "OfficeActivity", "source": { "kind": "simulated" }, "mode": "backfill",
              "from": "2025-02-03T00:00:00Z", "to": "2025-02-05T00:00:00Z",
              "limits": { "maxRows": 450, "maxBytes": 48000000, "minRows": 100 }, "parallelism": 4 }
            """);

        // Every range starts its windows at once (fewer than its fan-out), so most of them wait for one of the 5 query slots.
        var stopped = await sandbox.RunAsync(["run", "--config", config, "--sim-rows-per-day", Rows, "--json"], (progress, environment) =>
        {
            if (progress.WindowsCompleted >= 1)
            {
                environment.RequestStop();
            }
        });

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        var run = stopped.Json();
        Assert.Equal("PARTIAL", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("windows_planned").GetInt32() > 8, stopped.Out);
        Assert.True(run.GetProperty("windows_stopped").GetInt32() > 0, stopped.Out);
        Assert.True(run.GetProperty("windows").GetInt32() < run.GetProperty("windows_planned").GetInt32(), stopped.Out);
        Assert.Single(stopped.Error.Split('\n'), l => l.Contains("Stopping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_StopWhileBarsAreDrawn_ShowsTheNoticeInTheBarsNotAcrossThem()
    {
        using var sandbox = new CliSandbox();

        var stopped = await sandbox.RunAsync(Backfill("OfficeActivity", "2025-01-06", "2025-01-08"), (_, environment) => environment.RequestStop(), interactive: true);

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.DoesNotContain("Stopping", stopped.Error, StringComparison.Ordinal);
        Assert.Contains("': PARTIAL", stopped.Out, StringComparison.Ordinal);
        Assert.True(stopped.Out.Contains("stopping: no new window starts", StringComparison.Ordinal), stopped.ToString().Replace("\u001b", "<ESC>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Heartbeat", "shared")]
    [InlineData("officeactivity", "shared")]
    public async Task Backfill_IdStoredForOtherData_ExitsTwoNamingTheIdAndKeepsTheFirst(string table, string id)
    {
        using var sandbox = new CliSandbox();
        var first = await sandbox.RunAsync(Backfill("OfficeActivity", "2025-01-06", "2025-01-07", "--id", id, "--json"));
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await sandbox.RunAsync(Backfill(table, "2025-01-07", "2025-01-08", "--id", id, "--json"));

        Assert.True(second.ExitCode == 2, second.ToString());
        Assert.Contains($"config '{id}' already exists for table OfficeActivity", second.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, second.Out);
        var status = (await sandbox.RunAsync(["status", "--json"])).Json().GetProperty("configs");
        Assert.Equal("OfficeActivity", Assert.Single(status.EnumerateArray()).GetProperty("table").GetString());
        Assert.True((await sandbox.RunAsync(["verify", "--no-source"])).ExitCode == 0);
    }

    [Fact]
    public async Task Backfill_SameStateAnotherLake_ExitsTwoUnlessRebound()
    {
        using var sandbox = new CliSandbox();
        var first = await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-06", "2025-01-07", "--state", "s", "--lake", "lake-one", "--json"));
        Assert.True(first.ExitCode == 0, first.ToString());

        // No --lake: the state's own lake, whose files verify finds.
        var verify = await sandbox.RunAsync(["verify", "--state", "s", "--no-source", "--json"]);
        var other = await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-07", "2025-01-08", "--state", "s", "--lake", "lake-two"));
        var rebound = await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-07", "2025-01-08", "--state", "s", "--lake", "lake-two", "--rebind-lake", "--json"));

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(first.Json().GetProperty("rows").GetInt64(), verify.Json().GetProperty("rows_lake").GetInt64());
        Assert.Equal(Path.Combine(sandbox.Folder, "lake-one"), first.Json().GetProperty("lake").GetString());
        Assert.True(other.ExitCode == 2, other.ToString());
        Assert.Contains("lake-one", other.Error, StringComparison.Ordinal);
        Assert.Contains("--rebind-lake", other.Error, StringComparison.Ordinal);
        Assert.True(rebound.ExitCode == 0, rebound.ToString());
        Assert.Equal(Path.Combine(sandbox.Folder, "lake-two"), rebound.Json().GetProperty("lake").GetString());
    }

    [Fact]
    public async Task Backfill_ConfigRunningInAnotherProcess_ExitsTwoNamingThatRun()
    {
        using var sandbox = new CliSandbox();
        Assert.True((await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-05", "2025-01-06"))).ExitCode == 0);

        // What another `logingest` process holds while it loads the config.
        using (RunLock.Take(StateLocation.OfFolder(sandbox.StateFolder), "heartbeat", "heartbeat-20250601T000000Z-abcd"))
        {
            var second = await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-06", "2025-01-07"));
            var reset = await sandbox.RunAsync(["reset", "--config", "heartbeat"]);

            Assert.True(second.ExitCode == 2, second.ToString());
            Assert.Contains("heartbeat-20250601T000000Z-abcd", second.Error, StringComparison.Ordinal);
            Assert.Equal(2, reset.ExitCode);
        }

        var after = await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-06", "2025-01-07"));
        Assert.True(after.ExitCode == 0, after.ToString());
    }

    [Fact]
    public async Task Backfill_RangeAfterNowMinusSettleDelay_ExitsTwoEchoingTheDatesAsWritten()
    {
        using var sandbox = new CliSandbox();

        var future = await sandbox.RunAsync(Backfill("Heartbeat", "2025-06-01T00:00:00Z", "2025-06-02"));
        var cut = await sandbox.RunAsync(Backfill("Heartbeat", "2025-05-31T12:00:00Z", "2025-06-02", "--json"));

        Assert.True(future.ExitCode == 2, future.ToString());
        Assert.Contains("nothing to load: [--from 2025-06-01T00:00:00Z, --to 2025-06-02)", future.Error, StringComparison.Ordinal);
        Assert.True(cut.ExitCode == 0, cut.ToString());
        Assert.Contains("[--from 2025-05-31T12:00:00Z, --to 2025-06-02) reaches past now − settleDelay: this run loads up to 2025-05-31T23:3", cut.Error, StringComparison.Ordinal);
        Assert.StartsWith("2025-05-31T23:3", cut.Json().GetProperty("requested_to").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "x", "table": "NoSuchTable", "source": { "kind": "simulated" }, "mode": "backfill", "from": "2025-01-06T00:00:00Z", "to": "2025-01-08T00:00:00Z" }""", "C302")]
    [InlineData("""{ "id": "x", "table": "OfficeActivity", "source": { "kind": "simulated" }, "mode": "backfill", "from": "2025-01-06T00:00:00Z", "to": "2025-01-08T00:00:00Z", "flatten": ["NoSuchColumn"] }""", "NoSuchColumn")]
    [InlineData("""{ "id": "x", "table": "OfficeActivity", "source": { "kind": "simulated" }, "mode": "backfill", "from": "2025-01-06T00:00:00Z", "to": "2025-01-08T00:00:00Z", "filter": "where NoSuchColumn == 'a'" }""", "C303")]
    public async Task Run_MistakeTheSourceShows_ExitsTwoSayingItOnceAndStoresNothing(string json, string said)
    {
        using var sandbox = new CliSandbox();
        var config = sandbox.WriteFile("x.json", json);

        var result = await sandbox.RunAsync(["run", "--config", config, "--sim-rows-per-day", Rows, "--now", "2025-06-01"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Single(result.Error.Split('\n'), l => l.Contains(said, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(sandbox.StateFolder, CliHost.DatabaseFileName)), "a refused config was stored");
    }

    [Theory]
    [InlineData("--state", "afile/state")]
    [InlineData("--state", "afile")]
    [InlineData("--lake", "afile")]
    [InlineData("--lake", "afile/lake")]
    public async Task Backfill_UnusableFolder_ExitsTwoWithOneLine(string option, string value)
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteFile("afile", "not a folder");

        var result = await sandbox.RunAsync(Backfill("Heartbeat", "2025-01-06", "2025-01-07", option, value));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.StateFolder));
    }

    [Fact]
    public async Task StatusAndVerify_FolderWithoutState_CreateNothing()
    {
        using var sandbox = new CliSandbox();

        var status = await sandbox.RunAsync(["status", "--state", "nothing-here"]);
        var verify = await sandbox.RunAsync(["verify", "--state", "nothing-here", "--json"]);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("no state in", status.Out, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(JsonValueKind.True, verify.Json().GetProperty("ok").ValueKind);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Folder, "nothing-here")));
    }
}
