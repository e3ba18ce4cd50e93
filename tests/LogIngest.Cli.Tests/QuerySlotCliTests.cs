using Microsoft.Data.Sqlite;

namespace LogIngest.Cli.Tests;

/// <summary>The CLI leases its queries' slots in state.db (shared with any other command on the folder) and gives them back.</summary>
public class QuerySlotCliTests
{
    [Fact]
    public async Task Backfill_AbortedMidwayThenRerun_LeavesNoQuerySlotHeld()
    {
        using var sandbox = new CliSandbox();
        // More windows than query slots, and each takes the simulated service's time (0.2 s a query):
        // the abort must land while windows are still to run, however loaded the machine.
        string[] backfill = ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-20T00:00:00Z", "--sim-rows-per-day", "3000", "--sim-latency", "service*0.1", "--json"];

        // A second Ctrl+C: queries in flight are cancelled, and must still give their slots back.
        var aborted = await sandbox.RunAsync(backfill, (progress, environment) =>
        {
            if (progress.WindowsCompleted >= 1)
            {
                environment.RequestAbort();
            }
        });
        var heldAfterAbort = HeldSlots(sandbox);
        var rerun = await sandbox.RunAsync(backfill);

        Assert.Equal(0, heldAfterAbort);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.True(rerun.Json().GetProperty("queries").GetInt64() > 0, aborted + "\n--- rerun\n" + rerun);
        Assert.Equal(0, HeldSlots(sandbox));
    }

    private static long HeldSlots(CliSandbox sandbox)
    {
        using var connection = new SqliteConnection("Data Source=" + Path.Combine(sandbox.StateFolder, CliHost.DatabaseFileName) + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM query_slots WHERE holder IS NOT NULL";
        return (long)command.ExecuteScalar()!;
    }
}
