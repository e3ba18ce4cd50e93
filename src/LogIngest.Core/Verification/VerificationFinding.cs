using LogIngest.Core.Model;

namespace LogIngest.Core.Verification;

/// <summary>The kinds of <see cref="VerificationFinding"/>.</summary>
public static class FindingKinds
{
    /// <summary>A checkpointed window names a file the lake does not have.</summary>
    public const string MissingFile = "missing-file";

    /// <summary>A lake file of a table no checkpoint names (an orphan, or a window never checkpointed).</summary>
    public const string UncheckpointedFile = "uncheckpointed-file";

    /// <summary>Two files of one table/day may hold rows of the same instant.</summary>
    public const string Overlap = "overlap";

    /// <summary>A window's checkpointed row count differs from its files' Parquet row counts.</summary>
    public const string RowCountMismatch = "row-count-mismatch";

    /// <summary>The source now counts a different number of rows in a checkpointed window than the window wrote.</summary>
    public const string SourceCountMismatch = "source-count-mismatch";

    /// <summary>A composite key occurs more than once in a table's files.</summary>
    public const string DuplicateKeys = "duplicate-keys";

    /// <summary>A lake file could not be read.</summary>
    public const string UnreadableFile = "unreadable-file";

    /// <summary>The source could not be counted.</summary>
    public const string SourceUnavailable = "source-unavailable";
}

/// <summary>One thing verification found wrong, with where and how far off.</summary>
public sealed record VerificationFinding(string Kind, string Message)
{
    public string? ConfigId { get; init; }

    public string? Path { get; init; }

    public Interval? Window { get; init; }

    public long? Expected { get; init; }

    public long? Actual { get; init; }
}
