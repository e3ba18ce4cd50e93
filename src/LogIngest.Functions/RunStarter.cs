using LogIngest.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LogIngest.Functions;

/// <summary>Starts a config's run as its singleton orchestration, unless one is still in flight.</summary>
internal static class RunStarter
{
    /// <returns>The instance id, and whether a new run was started (false: one is already running).</returns>
    public static async Task<(string InstanceId, bool Started)> TryStartAsync(
        DurableTaskClient client, string configId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instanceId = RunIds.InstanceFor(configId);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (RunIds.BlocksNewRun(existing?.RuntimeStatus.ToString()))
        {
            return (instanceId, false);
        }

        var input = new LoadRunInput(configId, RunIds.NewRun(configId, now));
        await client.ScheduleNewOrchestrationInstanceAsync(
            LoadRunWorkflow.Name, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
        return (instanceId, true);
    }
}
