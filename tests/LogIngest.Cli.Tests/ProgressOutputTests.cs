using LogIngest.Core.Hosting;
using LogIngest.Core.Workflows;

namespace LogIngest.Cli.Tests;

/// <summary>Progress and output as azcopy users read them.</summary>
public class ProgressOutputTests
{
    [Fact]
    public async Task Backfill_TextOutput_NamesLocationsLabelsPlanningAndShowsRates()
    {
        using var sandbox = new CliSandbox();

        var result = await sandbox.RunAsync(["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-08", "--sim-rows-per-day", "3000"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n');
        Assert.Equal($"state {Path.Combine(sandbox.StateFolder, CliHost.DatabaseFileName)}", lines[0]);
        Assert.Equal($"lake  {sandbox.LakeFolder}", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("  planning:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" rows/s", StringComparison.Ordinal) && l.Contains(" rows, ", StringComparison.Ordinal));
        Assert.Contains("[2025-01-06T00:00:00Z, 2025-01-08T00:00:00Z)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Meter_PlanShrinksOrRowsOutrunTheEstimate_TotalsNeverGoBack()
    {
        var meter = new RunView.Meter();

        var first = meter.Describe(new RunProgress("r", new RangeProgress(0, 10, 2, 0, 200, 1000), 10, 2, 0, 200, 1000));
        var later = meter.Describe(new RunProgress("r", new RangeProgress(0, 8, 3, 0, 1200, 1000), 8, 3, 0, 1200, 1000));

        Assert.StartsWith("2/10 windows", first, StringComparison.Ordinal);
        Assert.Contains("200 of ~1,000 rows", first, StringComparison.Ordinal);
        Assert.StartsWith("3/10 windows", later, StringComparison.Ordinal);
        Assert.Contains("1,200 of ~1,200 rows", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Text_LabelsTimesUtc()
    {
        using var sandbox = new CliSandbox();
        Assert.True((await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07"])).ExitCode == 0);

        var status = await sandbox.RunAsync(["status"]);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("times in UTC", status.Out, StringComparison.Ordinal);
        Assert.Contains("started (UTC)", status.Out, StringComparison.Ordinal);
        Assert.Matches(@"heartbeat-\S+ +SUCCEEDED +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", status.Out);
    }
}
