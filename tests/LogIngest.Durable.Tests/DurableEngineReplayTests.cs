using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Local.Simulation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>The workflows under the engine's replay: every execution after the first decides exactly as the first did.</summary>
public sealed class DurableEngineReplayTests
{
    [Fact]
    public async Task LoadRun_ReplayedOnEveryEvent_DecidesTheSameEachTime()
    {
        // Faults add retries on durable timers and a re-plan, so replays cross every kind of decision.
        await using var world = await ScenarioWorld.OverHttpAsync(3000, server =>
        {
            server.ScriptedFaults.Add(SimulatedFault.None);
            server.ScriptedFaults.Add(SimulatedFault.Throttle);
            server.ScriptedFaults.Add(SimulatedFault.PartialError);
        });
        // Heartbeats every 250 ms put timers (the last one cancelled) and their activities into the replays too.
        world.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
        var ledger = new ReplayLedger();
        await using var host = await DurableEngineScenarioHost.StartAsync(world, ledger);
        var config = world.Backfill("replayed", days: 2);

        var run = await host.Services.GetRequiredService<RunLauncher>().StartAsync(host.Engine, config);
        var summary = await host.WaitAsync(run);

        Assert.True(summary.Status == RunStatus.Succeeded, $"{summary.Status}: {summary.Error?.Code} {summary.Error?.Message}; " + string.Join("; ", summary.Failed.Select(f => $"{f.Window} {f.Code} {f.Message}")));
        Assert.True(summary.Retries >= 1 && summary.Splits >= 1, $"{summary.Retries} retries, {summary.Splits} re-plans");
        Assert.True(ledger.Replayed > ledger.Decisions, $"{ledger.Replayed} replayed decisions of {ledger.Decisions}: the engine replayed too little to prove anything");
        Assert.Empty(ledger.Mismatches);
        var beats = (await host.Services.GetRequiredService<IRunEventStore>().ReadRunAsync(run.RunId)).Where(e => e.EventType == RunEventTypes.Heartbeat).ToList();
        Assert.NotEmpty(beats);
        Assert.Equal(Enumerable.Range(1, beats.Count), beats.Select(b => b.Attempt).Order());
    }

    [Fact]
    public async Task Ledger_WorkflowReadingTheWallClock_IsCaught()
    {
        // The check itself must be able to fail: a workflow that puts the wall clock into an activity's
        // input decides differently on its next replay.
        var ledger = new ReplayLedger();
        await using var host = await DurableEngineScenarioHost.StartAsync(
            _ => { },
            ledger,
            registry =>
            {
                registry.AddActivityFunc<string, string>("Echo", (_, text) => text);
                registry.AddOrchestratorFunc<string?, string>("WallClock", async (context, _) =>
                {
                    var workflow = new DurableWorkflowContext(context, ledger);
                    await workflow.CreateTimer(TimeSpan.FromMilliseconds(20));
#pragma warning disable CA1305, DURABLE0001 // the wall clock is the point of this test
                    await workflow.CallActivityAsync<string>("Echo", DateTime.UtcNow.Ticks.ToString());
#pragma warning restore CA1305, DURABLE0001
                    await workflow.CreateTimer(TimeSpan.FromMilliseconds(20));
                    return "done";
                });
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WallClock");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await host.Client.WaitForInstanceCompletionAsync(id, timeout.Token);

        Assert.NotEmpty(ledger.Mismatches);
    }
}
