using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Local.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>
/// One suite of workflow scenarios, run on both hosts (<see cref="InProcessWorkflowScenarios"/> and
/// <see cref="DurableEngineWorkflowScenarios"/>) so the two cannot drift. Every run is started
/// through <see cref="RunLauncher"/>, as the CLI and the HTTP API start theirs, and every lake is
/// read back by DuckDB.
/// </summary>
public abstract class WorkflowScenarios
{
    protected abstract Task<IScenarioHost> StartHostAsync(ScenarioWorld world);

    [Fact]
    public async Task Backfill_ThreeDays_ReconcilesExactlyAndRerunPlansNothing()
    {
        await using var world = await ScenarioWorld.InProcessSourceAsync();
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("three-days", days: 3);

        var summary = await RunAsync(host, config);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(summary.WindowsCompleted >= 6, $"{summary.WindowsCompleted} windows");
        var source = await world.SourceRowsAsync(config);
        var lake = await LakeReadBack.ReadAsync(world.LakeRoot);
        Assert.Equal(source, summary.Rows);
        Assert.Equal(source, lake.Rows);
        Assert.Equal(source, lake.DistinctKeys);

        var rerun = await RunAsync(host, config);
        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.Equal(0, rerun.WindowsPlanned);
        Assert.Equal(lake, await LakeReadBack.ReadAsync(world.LakeRoot));
    }

    [Fact]
    public async Task Backfill_ThrottledUnavailableAndPartialResults_RetriedReplannedAndReconciled()
    {
        // The real client over HTTP: the histogram query is throttled (429 + Retry-After), the first
        // window query gets a 503, the next a PartialError (truncated rows, HTTP 200) and must be cut finer.
        await using var world = await ScenarioWorld.OverHttpAsync(3000, server =>
        {
            server.ScriptedFaults.Add(SimulatedFault.Throttle);
            server.ScriptedFaults.Add(SimulatedFault.None);
            server.ScriptedFaults.Add(SimulatedFault.Unavailable);
            server.ScriptedFaults.Add(SimulatedFault.PartialError);
        });
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("faults", days: 1, parallelism: 1);

        var summary = await RunAsync(host, config);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(summary.Retries >= 2, $"{summary.Retries} retries");
        Assert.True(summary.Splits >= 1, $"{summary.Splits} re-plans");
        var source = await world.SourceRowsAsync(config);
        var lake = await LakeReadBack.ReadAsync(world.LakeRoot);
        Assert.Equal(source, lake.Rows);
        Assert.Equal(source, lake.DistinctKeys);
        var faults = world.Server!.Requests.Select(r => r.Fault).Where(f => f != SimulatedFault.None).ToList();
        Assert.Equal([SimulatedFault.Throttle, SimulatedFault.Unavailable, SimulatedFault.PartialError], faults);
    }

    [Fact]
    public async Task Backfill_HistogramQueryAnsweredPartially_RetriedAndReconciled()
    {
        // A histogram is a few thousand small rows by design: a PartialError on it is the service's
        // transient failure, not a window too big to split, so planning retries instead of failing the range.
        await using var world = await ScenarioWorld.OverHttpAsync(3000, server => server.ScriptedFaults.Add(SimulatedFault.PartialError));
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("partial-histogram", days: 1, parallelism: 1);

        var summary = await RunAsync(host, config);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(summary.Retries >= 1, $"{summary.Retries} retries");
        var source = await world.SourceRowsAsync(config);
        var lake = await LakeReadBack.ReadAsync(world.LakeRoot);
        Assert.Equal(source, lake.Rows);
        Assert.Equal(source, lake.DistinctKeys);
    }

    [Fact]
    public async Task Run_TerminatedMidwayThenStartedAgain_ResumesAndReconciles()
    {
        // Slow queries, one range, one window at a time: the run is still loading when it is terminated.
        await using var world = await ScenarioWorld.OverHttpAsync(3000, server => server.Latency = TimeSpan.FromMilliseconds(300));
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("terminated", days: 2, parallelism: 1);
        var launcher = host.Services.GetRequiredService<RunLauncher>();
        var state = host.Services.GetRequiredService<IStateStore>();

        var first = await launcher.StartAsync(host.Engine, config);
        await WaitUntilAsync(async () => await CountAsync(state.ListWindowsAsync(config.Id)) >= 1);
        await host.TerminateAsync(first);
        var done = await CountAsync(state.ListWindowsAsync(config.Id));

        var second = await launcher.StartAsync(host.Engine, config.Id);
        var summary = await host.WaitAsync(second);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(summary.WindowsPlanned > 0, "the second run had work left");
        // The terminated run never ended, so the second is its rerun: parent_run_id on its record and rows.
        Assert.Equal(first.RunId, summary.ParentRunId);
        var rerun = await state.ReadRunAsync(second.RunId);
        Assert.All(rerun.Where(e => e.EventType is RunEventTypes.RunStart or RunEventTypes.RunEnd or RunEventTypes.Window or RunEventTypes.Job), e => Assert.Equal(first.RunId, e.ParentRunId));
        Assert.Equal(first.RunId, (await state.ListRecentRunsAsync(1, config.Id))[0].ParentRunId);
        var source = await world.SourceRowsAsync(config);
        var lake = await LakeReadBack.ReadAsync(world.LakeRoot);
        Assert.True(done < await CountAsync(state.ListWindowsAsync(config.Id)), "the second run checkpointed more windows");
        Assert.Equal(source, lake.Rows);
        Assert.Equal(source, lake.DistinctKeys);
    }

    [Fact]
    public async Task Run_LongerThanItsSlaAndHeartbeat_BeatsWhileRunningAndRunEndSaysSlaMissed()
    {
        await using var world = await ScenarioWorld.OverHttpAsync(3000, server => server.Latency = TimeSpan.FromMilliseconds(150));
        world.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("beating", days: 1, parallelism: 1) with { Sla = TimeSpan.FromMilliseconds(500) };

        var summary = await RunAsync(host, config);
        var events = await host.Services.GetRequiredService<IRunEventStore>().ReadRunAsync(summary.RunId);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.True(summary.SlaMissed, $"the run took {summary.EndedAt - summary.StartedAt} against an SLA of 500 ms");
        Assert.True(events.Single(e => e.EventType == RunEventTypes.RunEnd).SlaMissed);
        var beats = events.Where(e => e.EventType == RunEventTypes.Heartbeat).OrderBy(e => e.Attempt).ToList();
        Assert.True(beats.Count >= 2, $"{beats.Count} heartbeats in a run of {summary.EndedAt - summary.StartedAt}");
        Assert.Equal(Enumerable.Range(1, beats.Count), beats.Select(b => b.Attempt));
        Assert.All(beats, b => Assert.Equal(TimeSpan.FromMilliseconds(200), b.HeartbeatInterval));
        var (start, end) = (events.Single(e => e.EventType == RunEventTypes.RunStart).Timestamp, events.Single(e => e.EventType == RunEventTypes.RunEnd).Timestamp);
        Assert.All(beats, b => Assert.InRange(b.Timestamp, start, end));
        var record = (await host.Services.GetRequiredService<IRunEventStore>().ListRecentRunsAsync(1, config.Id))[0];
        Assert.Equal(true, record.SlaMissed);
    }

    [Fact]
    public async Task Start_SecondStartWhileRunning_RefusedAndMakesOneRun()
    {
        await using var world = await ScenarioWorld.OverHttpAsync(3000, server => server.Latency = TimeSpan.FromMilliseconds(200));
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("singleton", days: 1, parallelism: 1);
        var launcher = host.Services.GetRequiredService<RunLauncher>();

        var first = await launcher.StartAsync(host.Engine, config);
        var refused = await Assert.ThrowsAsync<LogIngestException>(() => launcher.StartAsync(host.Engine, config.Id));
        var changed = await Assert.ThrowsAsync<LogIngestException>(() => launcher.StartAsync(host.Engine, config with { Parallelism = 3 }));
        var summary = await host.WaitAsync(first);

        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Contains(RunIdsOf(first), refused.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Conflict, changed.Code);
        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var stored = await host.Services.GetRequiredService<IControlStore>().GetConfigAsync(config.Id);
        Assert.Equal(1, stored!.Config.Parallelism);
        var runs = await host.Services.GetRequiredService<IRunEventStore>().ListRecentRunsAsync(10, config.Id);
        Assert.Equal([first.RunId], runs.Select(r => r.RunId));
    }

    [Fact]
    public async Task Start_SourceKindThisHostDoesNotServe_RefusedAndNothingStored()
    {
        await using var world = await ScenarioWorld.InProcessSourceAsync();
        await using var host = await StartHostAsync(world);
        var config = world.Backfill("unserved", days: 1) with { Source = new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = Guid.NewGuid().ToString() } };
        var launcher = host.Services.GetRequiredService<RunLauncher>();

        var refused = await Assert.ThrowsAsync<LogIngestException>(() => launcher.StartAsync(host.Engine, config));

        Assert.Equal(ErrorCodes.ConfigInvalid, refused.Code);
        Assert.Contains("source.kind", refused.Message, StringComparison.Ordinal);
        Assert.Null(await host.Services.GetRequiredService<IControlStore>().GetConfigAsync(config.Id));
    }

    protected static async Task<Core.Workflows.RunSummary> RunAsync(IScenarioHost host, LoadConfig config)
    {
        var run = await host.Services.GetRequiredService<RunLauncher>().StartAsync(host.Engine, config);
        return await host.WaitAsync(run);
    }

    private static string RunIdsOf(RunTicket run) => run.InstanceId;

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        var count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        return count;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 2 minutes");
            await Task.Delay(50);
        }
    }
}

public sealed class InProcessWorkflowScenarios : WorkflowScenarios
{
    protected override Task<IScenarioHost> StartHostAsync(ScenarioWorld world) => Task.FromResult<IScenarioHost>(new InProcessScenarioHost(world));
}

public sealed class DurableEngineWorkflowScenarios : WorkflowScenarios
{
    protected override async Task<IScenarioHost> StartHostAsync(ScenarioWorld world) => await DurableEngineScenarioHost.StartAsync(world);
}
