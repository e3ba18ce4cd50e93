using LogIngest.Core.Model;

namespace LogIngest.Benchmarks;

/// <summary>
/// SYNTHETIC stand-in for the simulated workspace's OfficeActivity table, used while the simulator is not
/// available: a deterministic (seeded) skewed day of 5,000,000 rows — quiet nights, busy weekday
/// business hours, lighter weekends, a few bursts of 15x for minutes — repeated with noise over the
/// range. Rows are kept per second; inside a second they fall evenly on its milliseconds. Bytes per row
/// are wider during business hours (about 140 B at night, 210 B by day), so the 48 MB limit can bind.
/// </summary>
internal sealed class PlannerSyntheticWorkload
{
    private const long Second = TimeSpan.TicksPerSecond;
    private readonly long _start;
    private readonly long[] _cumulativeRows; // rows before each second
    private readonly long[] _cumulativeBytes;

    public PlannerSyntheticWorkload(DateTime startUtc, int days, long rowsPerDay, int seed)
    {
        _start = startUtc.Ticks;
        Range = new Interval(_start, _start + (days * TimeSpan.TicksPerDay));
        var random = new Random(seed);
        var seconds = days * 86_400;
        _cumulativeRows = new long[seconds + 1];
        _cumulativeBytes = new long[seconds + 1];
        var weights = new double[86_400];
        for (var day = 0; day < days; day++)
        {
            var weekend = startUtc.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            double total = 0;
            for (var s = 0; s < 86_400; s++)
            {
                var hour = s / 3600.0;
                var business = Math.Exp(-Math.Pow((hour - 13) / 3.5, 2)); // peak 13:00 UTC
                weights[s] = (0.12 + ((weekend ? 0.25 : 1.0) * business)) * (0.8 + (0.4 * random.NextDouble()));
            }

            var burstEnd = 0;
            var bursts = new SortedDictionary<int, int>();
            for (var burst = random.Next(3, 9); burst > 0; burst--)
            {
                bursts[random.Next(86_400)] = random.Next(300, 1_800);
            }

            foreach (var (at, length) in bursts)
            {
                // Overlapping bursts do not compound: each second is at most 15x its usual rate.
                for (var s = Math.Max(at, burstEnd); s < Math.Min(86_400, at + length); s++)
                {
                    weights[s] *= 15;
                }

                burstEnd = Math.Max(burstEnd, at + length);
            }

            foreach (var w in weights)
            {
                total += w;
            }

            for (var s = 0; s < 86_400; s++)
            {
                var index = (day * 86_400) + s;
                var rows = (long)Math.Round(rowsPerDay * weights[s] / total);
                var bytesPerRow = 140 + (70 * Math.Exp(-Math.Pow((s / 3600.0 - 13) / 4.0, 2)));
                _cumulativeRows[index + 1] = _cumulativeRows[index] + rows;
                _cumulativeBytes[index + 1] = _cumulativeBytes[index] + (long)(rows * bytesPerRow);
            }
        }
    }

    public string Label => "synthetic skewed OfficeActivity-like source (bench-only stand-in, not the simulated workspace)";

    public Interval Range { get; }

    public Task<IReadOnlyList<HistogramBin>> HistogramAsync(Interval span, long binTicks, CancellationToken cancellationToken)
    {
        // Bins aligned on the span's start (bin_at), the last cut at its end; empty bins left out.
        var bins = new List<HistogramBin>();
        for (var at = span.Start; at < span.End; at += binTicks)
        {
            var bin = new Interval(at, Math.Min(span.End, at + binTicks));
            var rows = Cumulative(_cumulativeRows, bin.End) - Cumulative(_cumulativeRows, bin.Start);
            if (rows > 0)
            {
                bins.Add(new HistogramBin(bin, rows, Cumulative(_cumulativeBytes, bin.End) - Cumulative(_cumulativeBytes, bin.Start)));
            }
        }

        return Task.FromResult<IReadOnlyList<HistogramBin>>(bins);
    }

    public Task<long> CountAsync(Interval span, CancellationToken cancellationToken) =>
        Task.FromResult(Cumulative(_cumulativeRows, span.End) - Cumulative(_cumulativeRows, span.Start));

    // Before tick t: whole seconds, plus the share of t's second that lies on milliseconds before t.
    private long Cumulative(long[] cumulative, long tick)
    {
        var offset = Math.Clamp(tick - _start, 0, (cumulative.Length - 1) * Second);
        var second = (int)(offset / Second);
        if (second == cumulative.Length - 1)
        {
            return cumulative[second];
        }

        var inSecond = cumulative[second + 1] - cumulative[second];
        var millisecondsBefore = ((offset % Second) + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return cumulative[second] + (inSecond * millisecondsBefore / 1000);
    }
}
