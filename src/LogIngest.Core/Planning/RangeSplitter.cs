using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// Splits a run's gaps into at most <c>parallelism</c> ranges of balanced estimated size: by rows from a
/// coarse histogram when one is given (cuts fall on bin edges), else by time. No range is made shorter
/// than <c>minRangeLength</c> of gap time: every range plans and writes its own files (at least one per
/// window and day), so cutting a small gap four ways only makes four small files where one would do,
/// while a range's own windows already load in parallel.
/// </summary>
public static class RangeSplitter
{
    /// <summary>
    /// The shortest range LoadRun cuts: one day, the lake's partition. A gap under two days is one range;
    /// a week at parallelism 4 is four ranges.
    /// </summary>
    public static readonly TimeSpan MinRangeLength = TimeSpan.FromDays(1);

    /// <param name="gaps">The time to load.</param>
    /// <param name="parallelism">The most ranges to cut.</param>
    /// <param name="coarseHistogram">Rows per bin, to balance ranges by rows; null balances by time.</param>
    /// <param name="minRangeLength">The least gap time per range (zero: no minimum); the range count is cut to fit.</param>
    public static IReadOnlyList<LoadRange> Split(IntervalSet gaps, int parallelism, IReadOnlyList<HistogramBin>? coarseHistogram = null, TimeSpan minRangeLength = default)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        PlanningValidation.ValidateParallelism(parallelism);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRangeLength, TimeSpan.Zero);
        if (gaps.IsEmpty)
        {
            return [];
        }

        if (minRangeLength > TimeSpan.Zero)
        {
            var length = gaps.Intervals.Sum(g => g.Length);
            parallelism = (int)Math.Clamp(length / minRangeLength.Ticks, 1, parallelism);
        }

        var segments = coarseHistogram is null ? null : ByRows(gaps, coarseHistogram);
        var byRows = segments is not null;
        segments ??= [.. gaps.Intervals.Select(g => new Segment(g, g.Length))];

        var total = segments.Sum(s => s.Weight);
        var cuts = Cuts(segments, parallelism, total, snapToSegments: byRows);

        var ranges = new List<LoadRange>(parallelism);
        var lower = long.MinValue;
        for (var c = 0; c <= cuts.Count; c++)
        {
            var upper = c == cuts.Count ? long.MaxValue : cuts[c];
            var spans = new List<Interval>();
            double weight = 0;
            foreach (var segment in segments)
            {
                var start = Math.Max(segment.Span.Start, lower);
                var end = Math.Min(segment.Span.End, upper);
                if (start < end)
                {
                    spans.Add(new Interval(start, end));
                    weight += segment.Weight * ((double)(end - start) / segment.Span.Length);
                }
            }

            if (spans.Count > 0)
            {
                var merged = IntervalSet.Of(spans).Intervals;
                ranges.Add(new LoadRange(ranges.Count, merged, byRows ? (long)Math.Round(weight) : null));
            }

            lower = upper;
        }

        return ranges;
    }

    // The gaps cut at every bin edge, each piece weighted by the rows of the bin share it holds
    // (rows assumed uniform within a bin). Null when the histogram holds no rows in the gaps.
    private static List<Segment>? ByRows(IntervalSet gaps, IReadOnlyList<HistogramBin> histogram)
    {
        var edges = new SortedSet<long>();
        foreach (var gap in gaps.Intervals)
        {
            edges.Add(gap.Start);
            edges.Add(gap.End);
        }

        foreach (var bin in histogram)
        {
            if (bin.Rows < 0)
            {
                throw new ArgumentException($"Histogram bin {bin.Span} has negative rows ({bin.Rows}).", nameof(histogram));
            }

            edges.Add(bin.Span.Start);
            edges.Add(bin.Span.End);
        }

        var bins = histogram.Where(b => b.Rows > 0).OrderBy(b => b.Span).ToList();
        var segments = new List<Segment>();
        var points = edges.ToArray();
        var b = 0;
        double total = 0;
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var piece = new Interval(points[i], points[i + 1]);
            if (!gaps.Covers(piece))
            {
                continue;
            }

            while (b < bins.Count && bins[b].Span.End <= piece.Start)
            {
                b++;
            }

            double weight = 0;
            for (var j = b; j < bins.Count && bins[j].Span.Start < piece.End; j++)
            {
                if (bins[j].Span.Intersect(piece) is { } overlap)
                {
                    weight += bins[j].Rows * ((double)overlap.Length / bins[j].Span.Length);
                }
            }

            segments.Add(new Segment(piece, weight));
            total += weight;
        }

        return total > 0 ? segments : null;
    }

    // Ticks at which the cumulative weight reaches i/parallelism of the total, strictly increasing.
    private static List<long> Cuts(List<Segment> segments, int parallelism, double total, bool snapToSegments)
    {
        var cuts = new List<long>();
        var first = segments[0].Span.Start;
        var last = segments[^1].Span.End;
        double before = 0;
        var s = 0;
        for (var i = 1; i < parallelism; i++)
        {
            var target = total * i / parallelism;
            while (s < segments.Count && before + segments[s].Weight < target)
            {
                before += segments[s].Weight;
                s++;
            }

            if (s == segments.Count)
            {
                break;
            }

            var segment = segments[s];
            long cut;
            if (snapToSegments)
            {
                // The nearer edge of the segment holding the target.
                cut = target - before <= before + segment.Weight - target ? segment.Span.Start : segment.Span.End;
            }
            else
            {
                var share = segment.Weight == 0 ? 0 : (target - before) / segment.Weight;
                cut = segment.Span.Start + (long)Math.Round(share * segment.Span.Length);
            }

            if (cut > first && cut < last && (cuts.Count == 0 || cut > cuts[^1]))
            {
                cuts.Add(cut);
            }
        }

        return cuts;
    }

    private readonly record struct Segment(Interval Span, double Weight);
}
