using LogIngest.Core.Hosting;
using LogIngest.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LogIngest.Durable;

/// <summary>
/// Runs on the Durable engine through its client: a config's run is the orchestration instance
/// <see cref="RunIds.InstanceFor"/>, so the engine itself keeps one run of a config in flight.
/// </summary>
public sealed class DurableRunEngine(DurableTaskClient client) : IRunEngine
{
    public async Task<bool> IsInFlightAsync(string configId, CancellationToken cancellationToken = default)
    {
        var existing = await client.GetInstanceAsync(RunIds.InstanceFor(configId), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        return RunIds.BlocksNewRun(existing?.RuntimeStatus.ToString());
    }

    public async Task<bool> TryStartAsync(LoadRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await IsInFlightAsync(input.ConfigId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Exception failure;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                LoadRunWorkflow.Name, input, new StartOrchestrationOptions { InstanceId = RunIds.InstanceFor(input.ConfigId) }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception scheduling) when (!cancellationToken.IsCancellationRequested)
        {
            failure = scheduling;
        }

        // Another starter (the timer, a second request, another instance of the app) may have won the
        // race for the instance id between the check and the start: that is a refusal, not a fault.
        if (await IsInFlightAsync(input.ConfigId, CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return false;
    }
}
