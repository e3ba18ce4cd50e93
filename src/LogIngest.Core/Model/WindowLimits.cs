namespace LogIngest.Core.Model;

/// <summary>
/// How large one query's result may be. Defaults stay well under the API's 500,000 rows and ~64 MB
/// per result so that estimation error never pushes a window over the real cap.
/// </summary>
public sealed record WindowLimits
{
    public const long ApiMaxRows = 500_000;
    public const long ApiMaxBytes = 64_000_000;

    /// <summary>Most rows a window may hold. Default 250,000.</summary>
    public long MaxRows { get; init; } = 250_000;

    /// <summary>Most estimated bytes (<c>estimate_data_size</c>) a window may hold. Default 48 MB.</summary>
    public long MaxBytes { get; init; } = 48_000_000;

    /// <summary>Rows a window should reach before the planner closes it, when the data allows. Default 50,000.</summary>
    public long MinRows { get; init; } = 50_000;

    public static WindowLimits Default { get; } = new();
}
