namespace LogIngest.Cli.Tests;

/// <summary><c>logingest report</c>: the latest run by default, its model as JSON, and bad input refused before anything is written.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_Json_LatestRunWithTotalsOfItsAuditAndAnExactReconciliation()
    {
        using var sandbox = new CliSandbox();
        var run = await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-08", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        var report = await sandbox.RunAsync(["report", "--json"]);

        Assert.True(report.ExitCode == 0, report.ToString());
        var json = report.Json();
        Assert.Equal(run.Json().GetProperty("run_id").GetString(), json.GetProperty("run_id").GetString());
        Assert.Equal(run.Json().GetProperty("rows").GetInt64(), json.GetProperty("totals").GetProperty("rows").GetInt64());
        Assert.Equal(run.Json().GetProperty("windows").GetInt32(), json.GetProperty("windows").GetArrayLength());
        Assert.Equal(2, json.GetProperty("rows_per_day").GetArrayLength());
        var reconciliation = json.GetProperty("reconciliation");
        Assert.Equal(run.Json().GetProperty("rows").GetInt64(), reconciliation.GetProperty("source_rows").GetInt64());
        Assert.True(reconciliation.GetProperty("exact").GetBoolean());
        Assert.Contains(json.GetProperty("config").EnumerateArray(), f => f.GetProperty("name").GetString() == "table" && f.GetProperty("value").GetString() == "Heartbeat");
        Assert.False(File.Exists(Path.Combine(sandbox.Folder, "report.html")));
    }

    [Fact]
    public async Task Report_Out_WritesThePageAndSaysWhere()
    {
        using var sandbox = new CliSandbox();
        Assert.True((await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07"])).ExitCode == 0);

        var report = await sandbox.RunAsync(["report", "--out", "out/run.html", "--no-source"]);

        Assert.True(report.ExitCode == 0, report.ToString());
        var path = Path.Combine(sandbox.Folder, "out", "run.html");
        Assert.Contains(path, report.Out, StringComparison.Ordinal);
        var page = System.Xml.Linq.XDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal("html", page.Root!.Name.LocalName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Report_NoStateOrUnknownRun_ExitsTwoAndWritesNothing(bool withState)
    {
        using var sandbox = new CliSandbox();
        if (withState)
        {
            Assert.True((await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07"])).ExitCode == 0);
        }

        var report = await sandbox.RunAsync(["report", "no-such-run"]);

        Assert.True(report.ExitCode == 2, report.ToString());
        Assert.Contains(withState ? "runId 'no-such-run' has no events" : "no state", report.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sandbox.Folder, "report.html")));
        Assert.Equal(withState, Directory.Exists(sandbox.StateFolder));
    }
}
