using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LogIngest.Core.State;
using LogIngest.Local.State;

namespace LogIngest.Cli.Tests;

/// <summary>What `status` tells an operator beyond the runs: who wrote a lake file, the KPIs, and run history kept only so long.</summary>
public class OperationsStatusTests
{
    [Fact]
    public async Task StatusFile_FileOfARun_NamesRunConfigWindowAndQueryAndATamperedFileIsAMismatch()
    {
        using var sandbox = new CliSandbox();
        var load = await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-08", "--json"]);
        Assert.True(load.ExitCode == 0, load.ToString());
        var runId = load.Json().GetProperty("run_id").GetString()!;
        var files = Directory.GetFiles(sandbox.LakeFolder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 2, $"{files.Count} files");

        var traced = await sandbox.RunAsync(["status", "--file", files[0], "--json"]);

        Assert.True(traced.ExitCode == 0, traced.ToString());
        var lineage = traced.Json();
        Assert.True(lineage.GetProperty("agrees").GetBoolean(), traced.ToString());
        Assert.Equal(runId, lineage.GetProperty("run_id").GetString());
        Assert.Equal("heartbeat", lineage.GetProperty("config_id").GetString());
        Assert.Equal("2025-01-06T00:00:00Z", lineage.GetProperty("from").GetString());
        var query = lineage.GetProperty("query").GetString()!;
        Assert.StartsWith("['Heartbeat'] | where TimeGenerated >= datetime(2025-01-06", query, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query))), lineage.GetProperty("query_sha256").GetString());
        Assert.Equal(JsonValueKind.String, lineage.GetProperty("written_at").ValueKind);

        // Another window's bytes under this file's name: the footer and the checkpoint listing the name disagree.
        File.Copy(files[^1], files[0], overwrite: true);
        var tampered = await sandbox.RunAsync(["status", "--file", Path.GetRelativePath(sandbox.LakeFolder, files[0]).Replace('\\', '/')]);

        Assert.True(tampered.ExitCode == 1, tampered.ToString());
        Assert.Contains("MISMATCH: the file says window", tampered.Out, StringComparison.Ordinal);

        var missing = await sandbox.RunAsync(["status", "--file", "no/such/file.parquet"]);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("--file no/such/file.parquet", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RunSilentForThreeHeartbeats_FlaggedStaleInTextAndJson()
    {
        using var sandbox = new CliSandbox();
        var load = await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07", "--now", "2025-02-01", "--json"]);
        Assert.True(load.ExitCode == 0, load.ToString());
        // A run whose host died: it started and beat once, then nothing (no RUN_END).
        var started = new DateTimeOffset(2025, 2, 1, 1, 0, 0, TimeSpan.Zero);
        using (var state = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(sandbox.StateFolder, CliHost.DatabaseFileName) }))
        {
            await state.AppendEventAsync(new RunEvent { EventId = "ghost:run-start", RunId = "ghost", ConfigId = "heartbeat", EventType = RunEventTypes.RunStart, Timestamp = started, Start = started });
            await state.AppendEventAsync(new RunEvent { EventId = "ghost:heartbeat:1", RunId = "ghost", ConfigId = "heartbeat", EventType = RunEventTypes.Heartbeat, Timestamp = started.AddMinutes(2), Attempt = 1, HeartbeatInterval = TimeSpan.FromMinutes(2) });
        }

        var soon = (await sandbox.RunAsync(["status", "--json", "--now", "2025-02-01T01:05:00Z"])).Json();
        var late = await sandbox.RunAsync(["status", "--now", "2025-02-01T01:09:00Z"]);
        var lateJson = (await sandbox.RunAsync(["status", "--json", "--now", "2025-02-01T01:09:00Z"])).Json();

        static JsonElement Ghost(JsonElement status) => status.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("run_id").GetString() == "ghost").GetProperty("heartbeat");
        Assert.False(Ghost(soon).GetProperty("stale").GetBoolean());
        Assert.True(Ghost(lateJson).GetProperty("stale").GetBoolean());
        Assert.Equal(1, Ghost(lateJson).GetProperty("beats").GetInt32());
        Assert.Contains("STALE", late.Out.Split('\n').Single(l => l.Contains("ghost", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, lateJson.GetProperty("runs").EnumerateArray().First(r => r.GetProperty("run_id").GetString() != "ghost").GetProperty("heartbeat").ValueKind);
    }

    [Fact]
    public async Task Run_DailyLoadLongAfterAnEarlierRun_PrunesItsEventsKeepsItsSummaryAndCheckpoints()
    {
        using var sandbox = new CliSandbox();
        var first = await sandbox.RunAsync(["backfill", "--simulated", "--table", "Heartbeat", "--from", "2025-01-06", "--to", "2025-01-07", "--now", "2025-02-01", "--json"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var firstRun = first.Json().GetProperty("run_id").GetString()!;

        // 120 days on, `run` of the stored config is the daily load: it finds nothing to load and prunes the first run's events (90 days).
        var later = await sandbox.RunAsync(["run", "--config", "heartbeat", "--now", "2025-06-01", "--json"]);

        Assert.True(later.ExitCode == 0, later.ToString());
        Assert.True(later.Json().GetProperty("pruned").GetProperty("events").GetInt32() >= 3, later.ToString());
        Assert.Equal(0, later.Json().GetProperty("pruned").GetProperty("runs").GetInt32());
        var gone = await sandbox.RunAsync(["status", firstRun]);
        Assert.True(gone.ExitCode == 2, gone.ToString());
        var status = (await sandbox.RunAsync(["status", "--json", "--now", "2025-06-01"])).Json();
        Assert.Contains(firstRun, status.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()));
        var kpis = Assert.Single(status.GetProperty("kpis").GetProperty("configs").EnumerateArray());
        Assert.Equal(1, kpis.GetProperty("runs_30d").GetInt32());
        Assert.Equal(1.0, kpis.GetProperty("success_rate_30d").GetDouble());
        var verify = await sandbox.RunAsync(["verify", "--json"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.True(verify.Json().GetProperty("ok").GetBoolean(), "the checkpoints of the pruned run are intact");
    }
}
