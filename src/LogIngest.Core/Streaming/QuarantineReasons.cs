namespace LogIngest.Core.Streaming;

/// <summary>Why an event went to quarantine: the <c>reason</c> column of a quarantine file.</summary>
public static class QuarantineReasons
{
    /// <summary>Not UTF-8, empty, or not one well-formed JSON value.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>Well-formed JSON, but not an object.</summary>
    public const string NotObject = "not_object";

    /// <summary>Over <see cref="StreamOptions.MaxEventBytes"/>.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A required schema field is absent or null.</summary>
    public const string MissingRequired = "missing_required";

    /// <summary>A schema field holds another JSON kind than its type.</summary>
    public const string WrongType = "wrong_type";
}
