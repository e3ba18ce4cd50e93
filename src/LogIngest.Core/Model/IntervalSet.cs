namespace LogIngest.Core.Model;

/// <summary>
/// An immutable set of instants, kept as sorted, disjoint, non-adjacent half-open intervals.
/// Merging per-window checkpoints into an <see cref="IntervalSet"/> yields a few ranges.
/// </summary>
public sealed class IntervalSet : IEquatable<IntervalSet>
{
    private readonly Interval[] _intervals;

    private IntervalSet(Interval[] normalized) => _intervals = normalized;

    public static IntervalSet Empty { get; } = new([]);

    /// <summary>The normalized intervals: sorted, non-empty, neither overlapping nor touching.</summary>
    public IReadOnlyList<Interval> Intervals => _intervals;

    public bool IsEmpty => _intervals.Length == 0;

    /// <summary>Total covered ticks.</summary>
    public long Coverage
    {
        get
        {
            long total = 0;
            foreach (var interval in _intervals)
            {
                total += interval.Length;
            }

            return total;
        }
    }

    public static IntervalSet Of(params Interval[] intervals) => Of((IEnumerable<Interval>)intervals);

    /// <summary>Builds a set from any intervals, merging overlapping and adjacent ones.</summary>
    public static IntervalSet Of(IEnumerable<Interval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var sorted = intervals.Where(i => !i.IsEmpty).ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }

        sorted.Sort();
        var merged = new List<Interval>(sorted.Count);
        var current = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var next = sorted[i];
            if (next.Start <= current.End)
            {
                current = new Interval(current.Start, Math.Max(current.End, next.End));
            }
            else
            {
                merged.Add(current);
                current = next;
            }
        }

        merged.Add(current);
        return new IntervalSet([.. merged]);
    }

    public IntervalSet Union(Interval interval) => Of(_intervals.Append(interval));

    public IntervalSet Union(IntervalSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Of(_intervals.Concat(other._intervals));
    }

    /// <summary>Instants of this set that are not in <paramref name="other"/>.</summary>
    public IntervalSet Subtract(IntervalSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new List<Interval>();
        var j = 0;
        foreach (var interval in _intervals)
        {
            var start = interval.Start;
            while (j < other._intervals.Length && other._intervals[j].End <= start)
            {
                j++;
            }

            var k = j;
            while (k < other._intervals.Length && other._intervals[k].Start < interval.End)
            {
                var hole = other._intervals[k];
                if (hole.Start > start)
                {
                    result.Add(new Interval(start, hole.Start));
                }

                start = Math.Max(start, hole.End);
                k++;
            }

            if (start < interval.End)
            {
                result.Add(new Interval(start, interval.End));
            }
        }

        return new IntervalSet([.. result]);
    }

    public IntervalSet Subtract(Interval interval) => Subtract(Of(interval));

    public IntervalSet Intersect(IntervalSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new List<Interval>();
        int i = 0, j = 0;
        while (i < _intervals.Length && j < other._intervals.Length)
        {
            var overlap = _intervals[i].Intersect(other._intervals[j]);
            if (overlap is { } o)
            {
                result.Add(o);
            }

            if (_intervals[i].End < other._intervals[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new IntervalSet([.. result]);
    }

    public IntervalSet Intersect(Interval interval) => Intersect(Of(interval));

    public bool Contains(long tick)
    {
        var index = FindLast(tick);
        return index >= 0 && _intervals[index].Contains(tick);
    }

    /// <summary>True when every instant of <paramref name="interval"/> is in the set.</summary>
    public bool Covers(Interval interval)
    {
        if (interval.IsEmpty)
        {
            return true;
        }

        var index = FindLast(interval.Start);
        return index >= 0 && _intervals[index].Contains(interval);
    }

    public bool Equals(IntervalSet? other) =>
        other is not null && _intervals.AsSpan().SequenceEqual(other._intervals);

    public override bool Equals(object? obj) => Equals(obj as IntervalSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var interval in _intervals)
        {
            hash.Add(interval);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => _intervals.Length == 0 ? "{}" : string.Join(" ∪ ", _intervals);

    // Index of the last interval whose start is <= tick, or -1.
    private int FindLast(long tick)
    {
        int lo = 0, hi = _intervals.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_intervals[mid].Start <= tick)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
