using LogIngest.Core.Model;

namespace LogIngest.Core.Verification;

/// <summary>
/// Source rows over a requested span against what the lake holds for the table: the rows of its
/// files and their distinct composite keys.
/// </summary>
public sealed record Reconciliation(TimeAxis Axis, Interval Span, long SourceRows, int Files, long LakeRows, long DistinctKeys)
{
    /// <summary>Source, lake and distinct keys all equal.</summary>
    public bool Exact => LakeRows == SourceRows && DistinctKeys == SourceRows;

    /// <summary>Rows that occur more than once in the lake (lake rows minus distinct keys).</summary>
    public long DuplicateRows => LakeRows - DistinctKeys;
}
