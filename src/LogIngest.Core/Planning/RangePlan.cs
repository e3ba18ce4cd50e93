using System.Text.Json.Serialization;
using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>The complete plan of one range: one <see cref="GapPlan"/> per gap piece, and what it cost.</summary>
/// <param name="Plans">Per gap piece of the range, in time order; each complete.</param>
/// <param name="HistogramQueries">Histogram queries issued, the first included.</param>
/// <param name="RefinementRounds">Rounds of refinement after the first query.</param>
public sealed record RangePlan(IReadOnlyList<GapPlan> Plans, int HistogramQueries, int RefinementRounds)
{
    // Views over Plans; not serialized, so activity outputs carry each window once.
    [JsonIgnore]
    public IReadOnlyList<PlannedWindow> Windows => [.. Plans.SelectMany(p => p.Windows)];

    /// <summary>Time without rows to checkpoint as done with 0 rows.</summary>
    [JsonIgnore]
    public IReadOnlyList<Interval> EmptySpans => [.. Plans.SelectMany(p => p.EmptySpans)];
}
