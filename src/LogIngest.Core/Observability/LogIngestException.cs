namespace LogIngest.Core.Observability;

/// <summary>
/// The one exception type LogIngest throws for classified failures: it carries an
/// <see cref="ErrorCodes"/> code and, for throttling, the delay the service asked for.
/// </summary>
public class LogIngestException : Exception
{
    public LogIngestException()
        : this(ErrorCodes.Unknown, "An unclassified LogIngest error occurred.")
    {
    }

    public LogIngestException(string message)
        : this(ErrorCodes.Unknown, message)
    {
    }

    public LogIngestException(string message, Exception innerException)
        : this(ErrorCodes.Unknown, message, innerException)
    {
    }

    public LogIngestException(string code, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        RetryAfter = retryAfter;
    }

    /// <summary>An <see cref="ErrorCodes"/> value such as <c>T101</c>.</summary>
    public string Code { get; }

    /// <summary>The wait the service asked for (HTTP Retry-After), when it asked.</summary>
    public TimeSpan? RetryAfter { get; }

    public ErrorClass Class => ErrorCodes.ClassOf(Code);

    public bool Retryable => ErrorCodes.IsRetryable(Code);
}
