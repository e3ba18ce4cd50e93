using LogIngest.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LogIngest.Functions;

/// <summary>Starts a config's run as its singleton orchestration, unless one is still in flight.</summary>
internal static class RunStarter
{
    /// <summary>Whether a run of the config is in flight (its singleton instance blocks a new one).</summary>
    public static async Task<bool> IsRunningAsync(DurableTaskClient client, string configId, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(RunIds.InstanceFor(configId), getInputsAndOutputs: false, cancellationToken);
        return RunIds.BlocksNewRun(existing?.RuntimeStatus.ToString());
    }

    /// <returns>The instance id, and whether a new run was started (false: one is already running).</returns>
    public static async Task<(string InstanceId, bool Started)> TryStartAsync(
        DurableTaskClient client, string configId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instanceId = RunIds.InstanceFor(configId);
        if (await IsRunningAsync(client, configId, cancellationToken))
        {
            return (instanceId, false);
        }

        try
        {
            var input = new LoadRunInput(configId, RunIds.NewRun(configId, now));
            await client.ScheduleNewOrchestrationInstanceAsync(
                LoadRunWorkflow.Name, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
            return (instanceId, true);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && await IsRunningAsync(client, configId, CancellationToken.None))
        {
            // Another starter (the timer, or a second request) won the race for the instance id.
            return (instanceId, false);
        }
    }
}
