using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Workflows;

/// <summary>
/// What a workflow may do, shaped like Durable Functions' orchestration context so the same workflow
/// code runs under Durable (one adapter) and in process (<see cref="InProcessWorkflowHost"/>).
/// Workflows must be deterministic: time only from <see cref="CurrentUtcDateTime"/>, no I/O, no
/// randomness; all work happens in activities.
/// </summary>
public abstract class WorkflowContext
{
    /// <summary>This workflow instance's id (deterministic ids make runs singletons).</summary>
    public abstract string InstanceId { get; }

    /// <summary>Replay-safe current time.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while a Durable host replays history; always false in process.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>
    /// Calls an activity by name. Activities never throw classified failures across this boundary:
    /// they answer an <see cref="ActivityOutcome{T}"/> (see <see cref="ActivityInvoker"/>).
    /// </summary>
    public abstract Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input);

    /// <summary>Runs a child workflow with a given instance id and waits for its result.</summary>
    public abstract Task<TResult> CallSubWorkflowAsync<TResult>(string name, string instanceId, object? input);

    /// <summary>A durable delay (used for retry backoff).</summary>
    public abstract Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>A logger that stays silent while history replays.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>Publishes a small progress object for status queries.</summary>
    public abstract void SetCustomStatus(object? status);
}
