using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>What is left to load: the requested range minus what checkpoints say is done.</summary>
public static class Gaps
{
    /// <summary>The gaps of <paramref name="requested"/> not covered by <paramref name="done"/>, sorted and disjoint.</summary>
    public static IntervalSet Find(Interval requested, IntervalSet done)
    {
        ArgumentNullException.ThrowIfNull(done);
        return IntervalSet.Of(requested).Subtract(done);
    }

    /// <summary>As <see cref="Find(Interval, IntervalSet)"/>, merging raw per-window checkpoints first.</summary>
    public static IntervalSet Find(Interval requested, IEnumerable<Interval> checkpointed) =>
        Find(requested, IntervalSet.Of(checkpointed));
}
