using LogIngest.Core.Observability;

namespace LogIngest.Core.Workflows;

/// <summary>A classified activity failure, small enough to cross a Durable boundary.</summary>
public sealed record ActivityError(string Code, string Message, TimeSpan? RetryAfter = null)
{
    public bool Retryable => ErrorCodes.IsRetryable(Code);

    public static ActivityError From(LogIngestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ActivityError(exception.Code, exception.Message, exception.RetryAfter);
    }
}

/// <summary>
/// What an activity answers: its value, or a classified error. Durable serializes exceptions into
/// free text, which would lose the error code the retry decision rests on, so activities answer
/// failures as data instead.
/// </summary>
public sealed record ActivityOutcome<T>
{
    public T? Value { get; init; }

    public ActivityError? Error { get; init; }

    public bool Succeeded => Error is null;

    /// <summary>The value, or a <see cref="LogIngestException"/> carrying the error's code.</summary>
    public T GetValueOrThrow() =>
        Error is { } error
            ? throw new LogIngestException(error.Code, error.Message, retryAfter: error.RetryAfter)
            : Value!;
}

/// <summary>Factories for <see cref="ActivityOutcome{T}"/>.</summary>
public static class ActivityOutcome
{
    public static ActivityOutcome<T> Success<T>(T value) => new() { Value = value };

    public static ActivityOutcome<T> Failure<T>(ActivityError error) => new() { Error = error };
}
