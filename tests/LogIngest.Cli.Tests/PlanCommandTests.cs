using System.Text.Json;
using Xunit.Abstractions;

namespace LogIngest.Cli.Tests;

[Collection(PlanTimings.Name)]
public class PlanCommandTests(ITestOutputHelper output)
{
    // A week in many small windows, so the ranges' windows (4 ranges × 5 in flight) contend for the 5 query
    // slots, and a latency model that dominates the work on this machine: ~2,000 rows a day, 1 s a query
    // (the run takes ~15-20 s, nearly all of it the simulator's sleeps).
    private const string Week = """
        {
          "id": "plan-week",
          "table": "OfficeActivity",
          "source": { "kind": "simulated" },
          "mode": "backfill",
          "from": "2025-01-06T00:00:00Z",
          "to": "2025-01-13T00:00:00Z",
          "limits": { "maxRows": 1000, "maxBytes": 48000000, "minRows": 250 }
        }
        """;

    private static readonly string[] Simulator = ["--sim-rows-per-day", "2000", "--sim-latency", "service*0.5"];

    [Fact]
    public async Task Plan_SevenDaysSimulated_ProjectsTheRealRunsWallTimeWithin25PercentAndStoresNothing()
    {
        // A short load first, elsewhere, so the measured run is not also the process's first (JIT compiling the
        // whole pipeline is a start-up cost the projection does not model).
        using (var warm = new CliSandbox())
        {
            var warmed = await warm.RunAsync(["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07", "--sim-rows-per-day", "2000", "--json"]);
            Assert.True(warmed.ExitCode == 0, warmed.ToString());
        }

        using var sandbox = new CliSandbox();
        var config = sandbox.WriteFile("week.json", Week);

        var planned = await sandbox.RunAsync(["plan", "--config", config, "--json", .. Simulator]);
        Assert.True(planned.ExitCode == 0, planned.ToString());
        Assert.False(Directory.Exists(sandbox.StateFolder), "plan created the state folder");
        var plan = planned.Json();

        var loaded = await sandbox.RunAsync(["run", "--config", config, "--json", .. Simulator]);
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        var run = loaded.Json();

        // The same workflows decided the same windows and queries; the histograms the plan answered from are the run's.
        Assert.Equal(run.GetProperty("windows").GetInt32(), plan.GetProperty("windows").GetInt32());
        Assert.True(plan.GetProperty("windows").GetInt32() >= 20, planned.Out);
        Assert.Equal(run.GetProperty("rows").GetInt64(), plan.GetProperty("rows_estimated").GetInt64());
        Assert.Equal(run.GetProperty("queries").GetInt64(), plan.GetProperty("queries").GetInt64());
        Assert.Equal(run.GetProperty("histogram_queries").GetInt64(), plan.GetProperty("histogram_queries").GetInt64());
        Assert.Equal(run.GetProperty("count_queries").GetInt64(), plan.GetProperty("count_queries").GetInt64());

        var projected = plan.GetProperty("projected_seconds").GetDouble();
        var measured = run.GetProperty("duration_seconds").GetDouble();
        output.WriteLine($"projected {projected:0.000} s, bound {plan.GetProperty("bound_seconds").GetDouble():0.000} s, measured {measured:0.000} s");
        Assert.True(Math.Abs(projected - measured) <= 0.25 * measured, $"projected {projected:0.00} s, measured {measured:0.00} s");
        Assert.True(plan.GetProperty("bound_seconds").GetDouble() <= projected);

        // Planned again over the loaded state: everything is checkpointed, and the plan changes nothing there.
        var before = await SnapshotAsync(sandbox);
        var again = await sandbox.RunAsync(["plan", "--config", "plan-week", "--json", .. Simulator]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, again.Json().GetProperty("windows").GetInt32());
        Assert.Equal(0, again.Json().GetProperty("queries").GetInt32());
        Assert.Equal(before, await SnapshotAsync(sandbox));
    }

    [Fact]
    public async Task Plan_OneYearOfHalfABillionRows_TableWithQueriesWindowsAndBothTimes()
    {
        using var sandbox = new CliSandbox();

        var planned = await sandbox.RunAsync(["plan", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-01", "--to", "2026-01-01",
            "--sim-rows-per-day", "1320600", "--sim-latency", "service"]);

        Assert.True(planned.ExitCode == 0, planned.ToString());
        foreach (var label in new[] { "windows", "queries", "activities", "projected wall time", "bound", "cost model" })
        {
            Assert.Contains(label, planned.Out, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(sandbox.StateFolder), "plan created the state folder");
    }

    [Theory]
    [InlineData("--sim-latency", "soon")]
    [InlineData("--config", "week.json")]
    public async Task Plan_BadInput_ExitsTwoNamingTheOption(string option, string value)
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteFile("week.json", Week);

        var result = await sandbox.RunAsync(["plan", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07", option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(sandbox.StateFolder));
    }

    // What a plan could change: the configs and their last runs, and the lake's files.
    private static async Task<string> SnapshotAsync(CliSandbox sandbox)
    {
        var files = Directory.GetFiles(sandbox.LakeFolder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}");
        var status = await sandbox.RunAsync(["status", "--json"]);
        using var json = JsonDocument.Parse(status.Out);
        return string.Join('\n', files) + "\n" + json.RootElement.GetProperty("configs").GetRawText() + "\n" + json.RootElement.GetProperty("runs").GetRawText();
    }
}

/// <summary>The timed plan-against-run test runs alone in its assembly: the other tests' work would be its noise.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlanTimings
{
    public const string Name = "Plan timings";
}
