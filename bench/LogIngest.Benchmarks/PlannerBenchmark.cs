using System.Diagnostics;
using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.Planning;

namespace LogIngest.Benchmarks;

/// <summary>
/// <c>planner</c>: our planner against the seed's on the skewed wide table (OfficeActivity) at
/// 5,000,000 rows per day for 30 days. Figures: planning queries, windows, windows over the API's
/// 500,000-row limit (counted against the source), share of windows inside [minRows, maxRows].
/// </summary>
internal static class PlannerBenchmark
{
    private const int Days = 30;
    private const long RowsPerDay = 5_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var limits = WindowLimits.Default;
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var build = Stopwatch.StartNew();
        var workload = new PlannerSimulatedWorkload(start, Days, RowsPerDay, seed: 42);
        var totalRows = await workload.CountAsync(workload.Range, CancellationToken.None);
        Console.WriteLine($"source: {PlannerSimulatedWorkload.Label}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"range: {workload.Range} ({Days} days, {totalRows:N0} rows), built in {build.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"limits: maxRows={limits.MaxRows:N0} maxBytes={limits.MaxBytes:N0} minRows={limits.MinRows:N0}; API cap {WindowLimits.ApiMaxRows:N0} rows"));

        // Ours: the whole range as one gap and one range, through the driver.
        var histogramQueries = 0;
        var driver = new WindowPlanningDriver((span, bin, ct) =>
        {
            histogramQueries++;
            return workload.HistogramAsync(span, bin, ct);
        });
        var timer = Stopwatch.StartNew();
        var plan = await driver.PlanAsync([workload.Range], limits);
        var oursMs = timer.Elapsed.TotalMilliseconds;
        var oursQueries = histogramQueries;
        var ours = await MeasureAsync(workload, plan.Windows.Select(w => (w.Span, w.KeySplit)).ToList(), limits);

        // The seed: one size for the whole range, found by counting.
        timer.Restart();
        var (seedWindows, seedQueries, minutes) = await PlannerSeedAlgorithm.PlanAsync(workload.Range, workload.CountAsync);
        var seedMs = timer.Elapsed.TotalMilliseconds;
        var seed = await MeasureAsync(workload, seedWindows.Select(w => (w, (KeySplit?)null)).ToList(), limits);

        // Context for the two query figures: the seed's probe count depends on where the range starts
        // (its first window is the sample), and a run split into ranges plans each range with its own query.
        var probes = new List<int>();
        for (var hour = 0; hour < 24; hour++)
        {
            var shifted = new Interval(workload.Range.Start + (hour * TimeSpan.TicksPerHour), workload.Range.End);
            probes.Add((await PlannerSeedAlgorithm.PlanAsync(shifted, workload.CountAsync)).Queries);
        }

        probes.Sort();
        var rangeQueries = 0;
        foreach (var range in RangeSplitter.Split(IntervalSet.Of(workload.Range), 4))
        {
            rangeQueries += (await driver.PlanAsync(range, limits)).HistogramQueries;
        }

        var reasons = string.Join(", ", plan.Windows.GroupBy(w => w.EndReason).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours: {oursQueries} histogram queries ({plan.RefinementRounds} refinement rounds), {ours.Windows} windows, {ours.OverApi} over {WindowLimits.ApiMaxRows:N0} rows, {ours.OverMaxRows} over maxRows, {ours.OverMaxBytes} over maxBytes, fill {ours.Fill:P1}, rows/window min {ours.MinRows:N0} median {ours.MedianRows:N0} max {ours.MaxRows:N0}, planned in {oursMs:F0} ms"));
        Console.WriteLine($"ours: window end reasons: {reasons}; key-split slices {plan.Windows.Count(w => w.IsIrreducible)}; empty spans {plan.EmptySpans.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: {seedQueries} count queries, window size {minutes} min, {seed.Windows} windows, {seed.OverApi} over {WindowLimits.ApiMaxRows:N0} rows, {seed.OverMaxRows} over maxRows, fill {seed.Fill:P1}, rows/window min {seed.MinRows:N0} median {seed.MedianRows:N0} max {seed.MaxRows:N0}, planned in {seedMs:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed probes when the range starts at each hour of its first day: min {probes[0]} median {probes[12]} max {probes[^1]}"));
        Console.WriteLine($"ours split into 4 ranges (parallelism 4): {rangeQueries} histogram queries in all");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"planner ours_queries={oursQueries} seed_queries={seedQueries} ours_over_limit={ours.OverApi} seed_over_limit={seed.OverApi} ours_fill={ours.Fill * 100:F1} seed_fill={seed.Fill * 100:F1}"));
        return 0;
    }

    // Measures each window against the source with a one-bin histogram (evaluation only; not counted). A key slice holds
    // its share of the instant's rows.
    private static async Task<Figures> MeasureAsync(PlannerSimulatedWorkload workload, List<(Interval Span, KeySplit? Split)> windows, WindowLimits limits)
    {
        var rows = new List<long>(windows.Count);
        int overApi = 0, overMaxRows = 0, overMaxBytes = 0, inside = 0;
        foreach (var (span, split) in windows)
        {
            var whole = await workload.HistogramAsync(span, span.Length, CancellationToken.None);
            var count = whole.Sum(b => b.Rows);
            var bytes = whole.Sum(b => b.Bytes);
            if (split is { } s)
            {
                count = (count + s.Modulus - 1) / s.Modulus;
                bytes = (bytes + s.Modulus - 1) / s.Modulus;
            }

            rows.Add(count);
            overApi += count > WindowLimits.ApiMaxRows ? 1 : 0;
            overMaxRows += count > limits.MaxRows ? 1 : 0;
            overMaxBytes += bytes > limits.MaxBytes ? 1 : 0;
            inside += count >= limits.MinRows && count <= limits.MaxRows ? 1 : 0;
        }

        rows.Sort();
        return new Figures(
            windows.Count,
            overApi,
            overMaxRows,
            overMaxBytes,
            windows.Count == 0 ? 0 : (double)inside / windows.Count,
            rows.Count == 0 ? 0 : rows[0],
            rows.Count == 0 ? 0 : rows[rows.Count / 2],
            rows.Count == 0 ? 0 : rows[^1]);
    }

    private sealed record Figures(int Windows, int OverApi, int OverMaxRows, int OverMaxBytes, double Fill, long MinRows, long MedianRows, long MaxRows);
}
