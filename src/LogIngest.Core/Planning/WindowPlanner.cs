using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// Packs a gap's histogram into windows: a pure function of (gap, bins, limits).
/// </summary>
/// <remarks>
/// Consecutive bins are packed greedily while the window stays within <c>maxRows</c> and
/// <c>maxBytes</c>; a window is closed only when the next bin would overflow it, so windows fill up to
/// the limits. A bin that alone exceeds a limit is not packed: the plan asks for it to be refined
/// (<see cref="GapPlan.Refinements"/>) down to one tick; a one-tick instant still over a limit
/// becomes <c>k</c> key-split windows, <c>k</c> chosen so each slice is expected under
/// <see cref="KeySplitFill"/> of the limits (headroom for uneven hashing). A window left under
/// <c>minRows</c> takes bins from its predecessor when both can then reach <c>minRows</c>.
/// See <see cref="GapPlan"/> for how empty time is covered.
/// </remarks>
public static class WindowPlanner
{
    /// <summary>Share of a limit one key slice is expected to fill at most.</summary>
    public const double KeySplitFill = 0.8;

    public static GapPlan Plan(Interval gap, IReadOnlyList<HistogramBin> bins, WindowLimits limits)
    {
        ArgumentNullException.ThrowIfNull(bins);
        PlanningValidation.ValidateLimits(limits);
        if (gap.IsEmpty)
        {
            return new GapPlan(gap, [], [], []);
        }

        var data = ClipAndSort(gap, bins);
        var refinements = new List<BinRefinement>();
        foreach (var bin in data)
        {
            if (IsOverLimit(bin, limits) && bin.Span.Length > 1)
            {
                refinements.Add(new BinRefinement(bin.Span, BinSizes.FinerThan(bin.Span.Length)));
            }
        }

        if (refinements.Count > 0)
        {
            return new GapPlan(gap, [], [], refinements);
        }

        if (data.Count == 0)
        {
            return new GapPlan(gap, [], [gap], []);
        }

        var groups = Pack(data, limits);
        Balance(data, groups, limits);
        return Lay(gap, data, groups, limits);
    }

    internal static bool IsOverLimit(HistogramBin bin, WindowLimits limits) =>
        bin.Rows > limits.MaxRows || bin.Bytes > limits.MaxBytes;

    private static List<HistogramBin> ClipAndSort(Interval gap, IReadOnlyList<HistogramBin> bins)
    {
        var result = new List<HistogramBin>(bins.Count);
        foreach (var bin in bins)
        {
            if (bin.Rows < 0 || bin.Bytes < 0)
            {
                throw new ArgumentException($"Histogram bin {bin.Span} has negative rows ({bin.Rows}) or bytes ({bin.Bytes}).", nameof(bins));
            }

            if (bin.Rows == 0 && bin.Bytes == 0)
            {
                continue;
            }

            // A bin straddling the gap's edge keeps all its rows: an overestimate, which refinement corrects.
            if (bin.Span.Intersect(gap) is { } inside)
            {
                result.Add(bin with { Span = inside });
            }
        }

        result.Sort((a, b) => a.Span.CompareTo(b.Span));
        for (var i = 1; i < result.Count; i++)
        {
            if (result[i].Span.Start < result[i - 1].Span.End)
            {
                throw new ArgumentException($"Histogram bins {result[i - 1].Span} and {result[i].Span} overlap; bins must be disjoint.", nameof(bins));
            }
        }

        return result;
    }

    // Greedy left-to-right packing into groups of consecutive bins.
    private static List<Group> Pack(List<HistogramBin> data, WindowLimits limits)
    {
        var groups = new List<Group>();
        Group? current = null;
        for (var i = 0; i < data.Count; i++)
        {
            var bin = data[i];
            if (IsOverLimit(bin, limits))
            {
                // Only one-tick instants reach here; the rest were sent for refinement.
                if (current is not null)
                {
                    current.Cut = BoundaryReason.Instant;
                    groups.Add(current);
                    current = null;
                }

                groups.Add(new Group(i, bin.Rows, bin.Bytes) { IsSplit = true, Cut = BoundaryReason.Instant });
                continue;
            }

            if (current is not null)
            {
                var rowsOver = current.Rows + bin.Rows > limits.MaxRows;
                if (rowsOver || current.Bytes + bin.Bytes > limits.MaxBytes)
                {
                    current.Cut = rowsOver ? BoundaryReason.RowLimit : BoundaryReason.ByteLimit;
                    groups.Add(current);
                    current = null;
                }
            }

            if (current is null)
            {
                current = new Group(i, bin.Rows, bin.Bytes);
            }
            else
            {
                current.Last = i;
                current.Rows += bin.Rows;
                current.Bytes += bin.Bytes;
            }
        }

        if (current is not null)
        {
            groups.Add(current);
        }

        return groups;
    }

    // A window left under minRows (before a big bin or at the gap's end) takes trailing bins from its
    // predecessor while the predecessor stays at or above minRows and both stay within the limits.
    private static void Balance(List<HistogramBin> data, List<Group> groups, WindowLimits limits)
    {
        for (var g = 1; g < groups.Count; g++)
        {
            var underfilled = groups[g];
            var previous = groups[g - 1];
            if (underfilled.IsSplit || previous.IsSplit || underfilled.Rows >= limits.MinRows)
            {
                continue;
            }

            while (previous.Last > previous.First && underfilled.Rows < limits.MinRows)
            {
                var moved = data[previous.Last];
                if (previous.Rows - moved.Rows < limits.MinRows
                    || underfilled.Rows + moved.Rows > limits.MaxRows
                    || underfilled.Bytes + moved.Bytes > limits.MaxBytes)
                {
                    break;
                }

                previous.Last--;
                previous.Rows -= moved.Rows;
                previous.Bytes -= moved.Bytes;
                underfilled.First--;
                underfilled.Rows += moved.Rows;
                underfilled.Bytes += moved.Bytes;
                previous.Cut = BoundaryReason.Balance;
            }
        }
    }

    // Turns groups into windows whose spans tile the gap: empty time between groups is absorbed by the
    // ordinary window before it, else the one after it, else (both key-split, or a gap edge beside a
    // key-split instant) returned as an empty span.
    private static GapPlan Lay(Interval gap, List<HistogramBin> data, List<Group> groups, WindowLimits limits)
    {
        var starts = new long[groups.Count];
        var ends = new long[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            starts[g] = data[groups[g].First].Span.Start;
            ends[g] = data[groups[g].Last].Span.End;
        }

        var empty = new List<Interval>();
        var emptyBefore = new bool[groups.Count];
        var emptyAfter = new bool[groups.Count];
        for (var g = 0; g <= groups.Count; g++)
        {
            var from = g == 0 ? gap.Start : ends[g - 1];
            var to = g == groups.Count ? gap.End : starts[g];
            if (from == to)
            {
                continue;
            }

            if (g > 0 && !groups[g - 1].IsSplit)
            {
                ends[g - 1] = to;
            }
            else if (g < groups.Count && !groups[g].IsSplit)
            {
                starts[g] = from;
            }
            else
            {
                empty.Add(new Interval(from, to));
                if (g > 0)
                {
                    emptyAfter[g - 1] = true;
                }

                if (g < groups.Count)
                {
                    emptyBefore[g] = true;
                }
            }
        }

        var windows = new List<PlannedWindow>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var span = new Interval(starts[g], ends[g]);
            var startReason = span.Start == gap.Start ? BoundaryReason.GapStart
                : emptyBefore[g] ? BoundaryReason.EmptyStretch
                : groups[g - 1].Cut;
            var endReason = span.End == gap.End ? BoundaryReason.GapEnd
                : emptyAfter[g] ? BoundaryReason.EmptyStretch
                : group.Cut;
            if (!group.IsSplit)
            {
                windows.Add(new PlannedWindow(span, group.Rows, group.Bytes, startReason, endReason));
                continue;
            }

            var k = SliceCount(group.Rows, group.Bytes, limits);
            for (var r = 0; r < k; r++)
            {
                windows.Add(new PlannedWindow(
                    span,
                    CeilDiv(group.Rows, k),
                    CeilDiv(group.Bytes, k),
                    startReason,
                    endReason,
                    new KeySplit(k, r)));
            }
        }

        return new GapPlan(gap, windows, empty, []);
    }

    internal static int SliceCount(long rows, long bytes, WindowLimits limits)
    {
        var byRows = Math.Ceiling(rows / (limits.MaxRows * KeySplitFill));
        var byBytes = Math.Ceiling(bytes / (limits.MaxBytes * KeySplitFill));
        return (int)Math.Max(2, Math.Max(byRows, byBytes));
    }

    private static long CeilDiv(long value, long divisor) => (value / divisor) + (value % divisor == 0 ? 0 : 1);

    private sealed class Group(int first, long rows, long bytes)
    {
        public int First { get; set; } = first;

        public int Last { get; set; } = first;

        public long Rows { get; set; } = rows;

        public long Bytes { get; set; } = bytes;

        public bool IsSplit { get; init; }

        // Why this group ends where it does, when not at the gap's end.
        public BoundaryReason Cut { get; set; } = BoundaryReason.GapEnd;
    }
}
