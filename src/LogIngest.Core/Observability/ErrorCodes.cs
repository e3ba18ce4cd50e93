namespace LogIngest.Core.Observability;

/// <summary>The class of an error code, told by its first letter.</summary>
public enum ErrorClass
{
    /// <summary>T1xx: worth retrying with backoff.</summary>
    Transient,

    /// <summary>D2xx: the data or the result is wrong (schema, truncation, count mismatch).</summary>
    Data,

    /// <summary>C3xx: the configuration is wrong; a retry cannot help.</summary>
    Config,

    /// <summary>R4xx: a resource is missing or forbidden.</summary>
    Resource,

    /// <summary>S5xx: lake or state storage I/O failed.</summary>
    Storage,

    /// <summary>U900: anything not classified.</summary>
    Unknown,
}

/// <summary>
/// The error taxonomy of run events and audit rows. Retry decisions are made here and nowhere else.
/// </summary>
public static class ErrorCodes
{
    public const string Throttled = "T101";
    public const string Timeout = "T102";
    public const string Unavailable = "T103";

    /// <summary>Rows reached the source while a window was read: read it again rather than checkpoint a short window.</summary>
    public const string SourceChanged = "T104";
    public const string Schema = "D201";
    public const string ResultTruncated = "D202";
    public const string CountMismatch = "D203";
    public const string ConfigInvalid = "C301";
    public const string UnknownTable = "C302";
    public const string QueryRejected = "C303";
    public const string Forbidden = "R401";
    public const string NotFound = "R402";
    public const string Conflict = "R409";
    public const string LakeIo = "S501";
    public const string StateIo = "S502";
    public const string Unknown = "U900";

    /// <summary>The run was asked to stop before this work started; a rerun picks it up.</summary>
    public const string Stopped = "U901";

    public static ErrorClass ClassOf(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return code[0] switch
        {
            'T' => ErrorClass.Transient,
            'D' => ErrorClass.Data,
            'C' => ErrorClass.Config,
            'R' => ErrorClass.Resource,
            'S' => ErrorClass.Storage,
            _ => ErrorClass.Unknown,
        };
    }

    /// <summary>
    /// Whether a failure with this code may succeed if tried again as is. Transient errors are; a
    /// truncated result is not (it is re-planned finer); storage I/O is, since the adapters' own
    /// retries have already given up on a single call but a later attempt may find the store back.
    /// </summary>
    public static bool IsRetryable(string code) => ClassOf(code) is ErrorClass.Transient or ErrorClass.Storage;
}
