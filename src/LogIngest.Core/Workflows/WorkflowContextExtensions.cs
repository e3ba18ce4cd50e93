namespace LogIngest.Core.Workflows;

/// <summary>Retry around activity calls, written once against the context so both hosts behave alike.</summary>
public static class WorkflowContextExtensions
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
            if (outcome.Error is not { Retryable: true } error || retries >= policy.MaxRetries)
            {
                return (outcome, retries);
            }

            retries++;
            await context.CreateTimer(policy.DelayBefore(retries, error.RetryAfter));
        }
    }
}
