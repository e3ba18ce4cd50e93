using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// One share of a run's gaps, handled by one range workflow: consecutive pieces of gaps in time order.
/// </summary>
/// <param name="Index">0-based position among the run's ranges, in time order.</param>
/// <param name="Spans">Disjoint, sorted pieces of gaps; never checkpointed time.</param>
/// <param name="EstimatedRows">Rows expected from the coarse histogram, or null when split by time.</param>
public sealed record LoadRange(int Index, IReadOnlyList<Interval> Spans, long? EstimatedRows)
{
    public long Ticks => Spans.Sum(s => s.Length);
}
