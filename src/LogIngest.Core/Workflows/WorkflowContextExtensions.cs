using LogIngest.Core.Observability;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Workflows;

/// <summary>Retry around activity calls, written once against the context so both hosts behave alike.</summary>
public static partial class WorkflowContextExtensions
{
    /// <summary>
    /// Calls an activity, retrying retryable failures (by error code class) with the policy's backoff.
    /// Answers the last outcome and how many retries it took.
    /// </summary>
    public static async Task<(ActivityOutcome<TResult> Outcome, int Retries)> CallActivityWithRetryAsync<TResult>(
        this WorkflowContext context, string name, object? input, WorkflowRetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        var retries = 0;
        while (true)
        {
            var outcome = await context.CallActivityAsync<TResult>(name, input);
            if (outcome.Error is not { Retryable: true } error)
            {
                return (outcome, retries);
            }

            var log = context.CreateReplaySafeLogger(typeof(WorkflowContextExtensions).FullName!);
            if (retries >= policy.MaxRetries)
            {
                RetriesExhausted(log, context.InstanceId, name, error.Code, retries, error.Message);
                return (outcome, retries);
            }

            retries++;
            var delay = policy.DelayBefore(retries, error.RetryAfter);
            Retrying(log, context.InstanceId, name, error.Code, retries, policy.MaxRetries, delay, error.Message);
            await context.CreateTimer(delay);
        }
    }

    [LoggerMessage(EventId = LogEventIds.ActivityRetry, Level = LogLevel.Warning, Message = "{InstanceId}: {Activity} failed with {Code}; retry {Retry} of {MaxRetries} in {Delay} ({Reason})")]
    private static partial void Retrying(ILogger logger, string instanceId, string activity, string code, int retry, int maxRetries, TimeSpan delay, string reason);

    [LoggerMessage(EventId = LogEventIds.ActivityRetriesExhausted, Level = LogLevel.Error, Message = "{InstanceId}: {Activity} still failed with {Code} after {Retries} retries ({Reason})")]
    private static partial void RetriesExhausted(ILogger logger, string instanceId, string activity, string code, int retries, string reason);
}
