namespace LogIngest.Core.Workflows;

/// <summary>
/// How a workflow retries a retryable activity failure: exponential backoff, and never sooner than
/// the service's Retry-After. Defaults give the design's 2, 4, 8, 16, 32 s over 5 retries.
/// </summary>
public sealed record WorkflowRetryPolicy
{
    public int MaxRetries { get; init; } = 5;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(2);

    public double BackoffCoefficient { get; init; } = 2.0;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    public static WorkflowRetryPolicy Default { get; } = new();

    /// <summary>No retries at all.</summary>
    public static WorkflowRetryPolicy None { get; } = new() { MaxRetries = 0 };

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var backoff = FirstDelay.TotalMilliseconds * Math.Pow(BackoffCoefficient, retry - 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(backoff, MaxDelay.TotalMilliseconds));
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
