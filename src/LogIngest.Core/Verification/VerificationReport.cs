namespace LogIngest.Core.Verification;

/// <summary>What <see cref="LakeVerifier.VerifyAsync"/> checked and found.</summary>
public sealed record VerificationReport
{
    public IReadOnlyList<VerificationFinding> Findings { get; init; } = [];

    /// <summary>True when nothing was found wrong.</summary>
    public bool Ok => Findings.Count == 0;

    public int Configs { get; init; }

    public int Checkpoints { get; init; }

    public int Files { get; init; }

    /// <summary>Rows of the lake files (Parquet row counts).</summary>
    public long LakeRows { get; init; }

    /// <summary>Distinct composite keys of the lake files.</summary>
    public long DistinctKeys { get; init; }

    /// <summary>Per config: the source rows over its checkpointed coverage against the lake (when the source was checked).</summary>
    public IReadOnlyList<CoverageReconciliation> Reconciliations { get; init; } = [];

    /// <summary>Checks that were not made, and why (e.g. source counts not asked for).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
}

/// <summary>
/// One config's checkpointed coverage (on its axis) and the source rows over it, against the rows and
/// distinct composite keys of the table's files under the config's prefix.
/// </summary>
public sealed record CoverageReconciliation(string ConfigId, Model.TimeAxis Axis, IReadOnlyList<Model.Interval> Coverage, long SourceRows, long LakeRows, long DistinctKeys)
{
    public bool Exact => LakeRows == SourceRows && DistinctKeys == SourceRows;
}
