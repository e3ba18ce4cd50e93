namespace LogIngest.Cli.Tests;

/// <summary>What only a second process shows: two `logingest` processes on one state folder.</summary>
public class ProcessTests
{
    [Fact]
    public async Task Backfill_SameConfigRunningInAnotherProcess_ExitsTwoNamingThatProcessesRun()
    {
        using var sandbox = new CliSandbox();
        string[] backfill = ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-02-06", "--sim-rows-per-day", "20000"];
        using var other = sandbox.StartProcess(backfill);
        try
        {
            var owner = Path.Combine(sandbox.StateFolder, "runs", "officeactivity.run");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(owner) && !other.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.True(File.Exists(owner), "the other process never started its run");
            var second = await sandbox.RunAsync(backfill);

            Assert.True(second.ExitCode == 2, second.ToString());
            Assert.Contains($"process {other.Id}", second.Error, StringComparison.Ordinal);
            Assert.Contains("officeactivity-", second.Error, StringComparison.Ordinal);
        }
        finally
        {
            if (!other.HasExited)
            {
                other.Kill(entireProcessTree: true);
            }

            await other.WaitForExitAsync();
        }
    }
}
