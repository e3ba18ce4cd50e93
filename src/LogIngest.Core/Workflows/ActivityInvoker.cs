using LogIngest.Core.Observability;

namespace LogIngest.Core.Workflows;

/// <summary>
/// Runs an activity and answers its outcome, so both hosts report failures the same way: a
/// <see cref="LogIngestException"/> keeps its code; anything else unclassified is U900 (not retried).
/// Cancellation is not a failure and propagates.
/// </summary>
public static class ActivityInvoker
{
    public static async Task<ActivityOutcome<TOutput>> InvokeAsync<TInput, TOutput>(
        IActivity<TInput, TOutput> activity, TInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        try
        {
            return ActivityOutcome.Success(await activity.RunAsync(input, cancellationToken));
        }
        catch (LogIngestException exception)
        {
            return ActivityOutcome.Failure<TOutput>(ActivityError.From(exception));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An activity's unexpected failure becomes a U900 outcome, audited, never a crash of the run.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ActivityOutcome.Failure<TOutput>(new ActivityError(ErrorCodes.Unknown, $"{exception.GetType().Name}: {exception.Message}"));
        }
    }

    /// <summary>
    /// The outcome of an activity the host could not run to an answer (shutdown, timeout, a message
    /// that did not deserialize): T103, retryable, so both hosts treat it like an unavailable service.
    /// </summary>
    public static ActivityOutcome<TOutput> HostFailure<TOutput>(string activity, string message) =>
        ActivityOutcome.Failure<TOutput>(new ActivityError(ErrorCodes.Unavailable, $"Activity {activity} did not complete in the host: {message}"));
}
