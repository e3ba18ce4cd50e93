namespace LogIngest.Core.Planning;

/// <summary>Settings of <see cref="WindowPlanningDriver"/>.</summary>
public sealed class PlanningOptions
{
    /// <summary>Most bins the first histogram of a range may have; picks its bin size. Default 100,000.</summary>
    public int MaxBinsPerQuery { get; set; } = BinSizes.DefaultMaxBinsPerQuery;

    /// <summary>
    /// Refinement rounds allowed before giving up. The bin-size ladder needs at most five; more means
    /// the histogram source ignores the bin size asked for. Default 8.
    /// </summary>
    public int MaxRefinementRounds { get; set; } = 8;
}
