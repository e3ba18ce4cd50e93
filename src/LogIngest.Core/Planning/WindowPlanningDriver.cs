using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Planning;

/// <summary>
/// Plans one range: one histogram query over the range, then <see cref="WindowPlanner"/> per gap piece,
/// querying finer histograms only for the bins the planner asks to refine, until every plan is complete.
/// </summary>
public sealed class WindowPlanningDriver
{
    private readonly HistogramQuery _histogram;
    private readonly PlanningOptions _options;

    public WindowPlanningDriver(HistogramQuery histogram, PlanningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        _histogram = histogram;
        _options = options ?? new PlanningOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBinsPerQuery, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxRefinementRounds, nameof(options));
    }

    public Task<RangePlan> PlanAsync(LoadRange range, WindowLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(range);
        return PlanAsync(range.Spans, limits, cancellationToken);
    }

    /// <param name="gaps">The time to plan (pieces of gaps; overlapping or touching pieces are merged).</param>
    /// <param name="limits">The config's window limits.</param>
    /// <param name="cancellationToken">Stops between queries.</param>
    public async Task<RangePlan> PlanAsync(IEnumerable<Interval> gaps, WindowLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        PlanningValidation.ValidateLimits(limits);
        var spans = IntervalSet.Of(gaps).Intervals;
        if (spans.Count == 0)
        {
            return new RangePlan([], 0, 0);
        }

        var hull = new Interval(spans[0].Start, spans[^1].End);
        var first = await _histogram(hull, BinSizes.ForRange(hull.Length, _options.MaxBinsPerQuery), cancellationToken);
        var queries = 1;
        var binsPerGap = spans.Select(gap => Clip(first, gap)).ToArray();

        var plans = new GapPlan?[spans.Count];
        for (var round = 0; ; round++)
        {
            var pending = new List<(int Gap, BinRefinement Refinement)>();
            for (var g = 0; g < spans.Count; g++)
            {
                if (plans[g] is not null)
                {
                    continue;
                }

                var plan = WindowPlanner.Plan(spans[g], binsPerGap[g], limits);
                if (plan.IsComplete)
                {
                    plans[g] = plan;
                }
                else
                {
                    pending.AddRange(Coalesce(plan.Refinements).Select(r => (g, r)));
                }
            }

            if (pending.Count == 0)
            {
                return new RangePlan([.. plans.Select(p => p!)], queries, round);
            }

            if (round >= _options.MaxRefinementRounds)
            {
                throw new LogIngestException(
                    ErrorCodes.Unknown,
                    string.Create(CultureInfo.InvariantCulture, $"Window planning did not converge after {round} refinement rounds; the histogram source returns bins coarser than asked (e.g. {pending[0].Refinement.BinTicks} ticks for {pending[0].Refinement.Span})."));
            }

            foreach (var (g, refinement) in pending)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var finer = await _histogram(refinement.Span, refinement.BinTicks, cancellationToken);
                queries++;
                binsPerGap[g] = Replace(binsPerGap[g], refinement.Span, Clip(finer, refinement.Span));
            }
        }
    }

    private static List<HistogramBin> Clip(IReadOnlyList<HistogramBin> bins, Interval span)
    {
        var result = new List<HistogramBin>();
        foreach (var bin in bins)
        {
            if (bin.Span.Intersect(span) is { } inside)
            {
                result.Add(bin with { Span = inside });
            }
        }

        return result;
    }

    private static List<HistogramBin> Replace(List<HistogramBin> bins, Interval refined, List<HistogramBin> finer)
    {
        var result = bins.Where(b => !refined.Contains(b.Span)).ToList();
        result.AddRange(finer);
        result.Sort((a, b) => a.Span.CompareTo(b.Span));
        return result;
    }

    // Adjacent refinements at the same bin size become one query over their union.
    private static List<BinRefinement> Coalesce(IReadOnlyList<BinRefinement> refinements)
    {
        var result = new List<BinRefinement>();
        foreach (var next in refinements.OrderBy(r => r.Span))
        {
            if (result.Count > 0 && result[^1].Span.End == next.Span.Start && result[^1].BinTicks == next.BinTicks)
            {
                result[^1] = result[^1] with { Span = new Interval(result[^1].Span.Start, next.Span.End) };
            }
            else
            {
                result.Add(next);
            }
        }

        return result;
    }
}
