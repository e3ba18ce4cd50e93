using LogIngest.Core.Model;

namespace LogIngest.Cli.Tests;

/// <summary>verify names only fixes the CLI can do, and reset plus a rerun does them.</summary>
public class ResetTests
{
    private const long Volume = 3000;
    private static readonly string Rows = Volume.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Verify_MissingFile_SuggestsAResetThatARerunHeals()
    {
        using var sandbox = new CliSandbox();
        var load = await sandbox.RunAsync(["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-09", "--sim-rows-per-day", Rows, "--json"]);
        Assert.True(load.ExitCode == 0, load.ToString());
        var expected = await Simulated.CountAsync(Volume, TimeAxis.TimeGenerated, new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero), new(2025, 1, 9, 0, 0, 0, TimeSpan.Zero));
        File.Delete(Directory.GetFiles(sandbox.LakeFolder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Skip(1).First());

        var broken = await sandbox.RunAsync(["verify", "--sim-rows-per-day", Rows, "--json"]);
        Assert.True(broken.ExitCode == 1, broken.ToString());
        var fix = broken.Json().GetProperty("findings")[0].GetProperty("fix").GetString()!;
        Assert.StartsWith("logingest reset --config officeactivity --from ", fix, StringComparison.Ordinal);

        // Do exactly what it says: each command after "logingest".
        foreach (var command in fix.Split(" && "))
        {
            var done = await sandbox.RunAsync([.. command.Split(' ').Skip(1), "--sim-rows-per-day", Rows]);
            Assert.True(done.ExitCode == 0, done.ToString());
        }

        var healed = await sandbox.RunAsync(["verify", "--sim-rows-per-day", Rows, "--json"]);
        Assert.True(healed.ExitCode == 0, healed.ToString());
        Assert.Equal(expected, healed.Json().GetProperty("rows_lake").GetInt64());
        Assert.Equal(expected, healed.Json().GetProperty("distinct_keys").GetInt64());
    }

    [Fact]
    public async Task Reset_OneDay_ForgetsItsWindowsAndFilesAndTheRerunLoadsOnlyThatDay()
    {
        using var sandbox = new CliSandbox();
        string[] backfill = ["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-09", "--json"];
        Assert.True((await sandbox.RunAsync(backfill)).ExitCode == 0);

        var reset = await sandbox.RunAsync(["reset", "--config", "heartbeat", "--from", "2025-01-07", "--to", "2025-01-08", "--json"]);
        var rerun = await sandbox.RunAsync(backfill);

        Assert.True(reset.ExitCode == 0, reset.ToString());
        var forgot = reset.Json();
        Assert.True(forgot.GetProperty("windows").GetInt32() > 0, reset.Out);
        Assert.True(forgot.GetProperty("files_removed").GetInt32() > 0, reset.Out);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.True(forgot.GetProperty("rows").GetInt64() > 0, reset.Out);
        Assert.Equal(forgot.GetProperty("rows").GetInt64(), rerun.Json().GetProperty("rows").GetInt64());
        Assert.True((await sandbox.RunAsync(["verify", "--json"])).ExitCode == 0);
    }

    [Fact]
    public async Task Reset_UnknownConfig_ExitsTwoNamingIt()
    {
        using var sandbox = new CliSandbox();
        Assert.True((await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07"])).ExitCode == 0);

        var result = await sandbox.RunAsync(["reset", "--config", "nope"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--config 'nope'", result.Error, StringComparison.Ordinal);
    }
}
