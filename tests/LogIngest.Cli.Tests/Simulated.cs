using LogIngest.Core.Model;
using LogIngest.Local.Simulation;

namespace LogIngest.Cli.Tests;

/// <summary>The tests' independent view of the simulated workspace the CLI reads (same seed and volume).</summary>
public static class Simulated
{
    public static Task<long> CountAsync(long rowsPerDay, TimeAxis axis, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? now = null)
    {
        var workspace = new SimulatedWorkspace(
            new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = rowsPerDay },
            now is { } at ? new FixedClock(at) : TimeProvider.System);
        return workspace.CountAsync(new LogWindowQuery("OfficeActivity", axis, Interval.FromUtc(from, to)));
    }
}
