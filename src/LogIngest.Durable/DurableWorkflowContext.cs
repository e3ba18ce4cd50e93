using LogIngest.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LogIngest.Durable;

/// <summary>Adapts Durable's orchestration context to the workflows' port, one call each.</summary>
public sealed class DurableWorkflowContext : WorkflowContext
{
    private readonly TaskOrchestrationContext _context;
    private readonly IWorkflowCallObserver? _observer;
    private int _sequence;

    public DurableWorkflowContext(TaskOrchestrationContext context, IWorkflowCallObserver? observer = null)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _observer = observer;
    }

    public override string InstanceId => _context.InstanceId;

    public override DateTime CurrentUtcDateTime => _context.CurrentUtcDateTime;

    public override bool IsReplaying => _context.IsReplaying;

    // Retries are the workflows' own (by error code, with durable timers), so no Durable retry policy here.
    public override async Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input)
    {
        Observe("activity", name, input);
        try
        {
            return await _context.CallActivityAsync<ActivityOutcome<TResult>>(name, input);
        }
        catch (TaskFailedException failed)
        {
            // The activity did not answer at all (host shutdown, functionTimeout, a message that did not
            // deserialize): the same outcome the in-process host gives, so the workflow decides the same way.
            return ActivityInvoker.HostFailure<TResult>(name, failed.Message);
        }
    }

    public override Task<TResult> CallSubWorkflowAsync<TResult>(string name, string instanceId, object? input)
    {
        Observe("workflow", name + "#" + instanceId, input);
        return _context.CallSubOrchestratorAsync<TResult>(name, input, new SubOrchestrationOptions(instanceId: instanceId));
    }

    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Observe("timer", delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture), null);
        return _context.CreateTimer(delay, cancellationToken);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => _context.CreateReplaySafeLogger(categoryName);

    public override void SetCustomStatus(object? status) => _context.SetCustomStatus(status);

    private void Observe(string kind, string name, object? input) =>
        _observer?.OnCall(new WorkflowCall(_context.InstanceId, _sequence++, _context.IsReplaying, kind, name, input));
}
