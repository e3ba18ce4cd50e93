using LogIngest.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LogIngest.Functions;

/// <summary>Adapts Durable's orchestration context to the workflows' port, one call each.</summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context) : WorkflowContext
{
    public override string InstanceId => context.InstanceId;

    public override DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public override bool IsReplaying => context.IsReplaying;

    // Retries are the workflows' own (by error code, with durable timers), so no Durable retry policy here.
    public override async Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input)
    {
        try
        {
            return await context.CallActivityAsync<ActivityOutcome<TResult>>(name, input);
        }
        catch (TaskFailedException failed)
        {
            // The activity did not answer at all (host shutdown, functionTimeout, a message that did not
            // deserialize): the same outcome the in-process host gives, so the workflow decides the same way.
            return ActivityInvoker.HostFailure<TResult>(name, failed.Message);
        }
    }

    public override Task<TResult> CallSubWorkflowAsync<TResult>(string name, string instanceId, object? input) =>
        context.CallSubOrchestratorAsync<TResult>(name, input, new SubOrchestrationOptions(instanceId: instanceId));

    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) =>
        context.CreateTimer(delay, cancellationToken);

    public override ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

    public override void SetCustomStatus(object? status) => context.SetCustomStatus(status);
}
