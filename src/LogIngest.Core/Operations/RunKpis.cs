using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Operations;

/// <summary>Rows and bytes the runs of one UTC day (by start) wrote.</summary>
public sealed record DailyVolume(DateOnly Day, long Rows, long Bytes);

/// <summary>
/// What an on-call engineer asks of one config's recent runs. Rates are of ended runs (SUCCEEDED over
/// SUCCEEDED, PARTIAL and FAILED); null when none ended in the period.
/// </summary>
public sealed record ConfigKpis
{
    public required string ConfigId { get; init; }

    public int Runs7Days { get; init; }

    public int Runs30Days { get; init; }

    public double? SuccessRate7Days { get; init; }

    public double? SuccessRate30Days { get; init; }

    /// <summary>Median duration of the runs that ended in the last 30 days.</summary>
    public TimeSpan? DurationP50 { get; init; }

    /// <summary>95th percentile (nearest rank) of the same durations.</summary>
    public TimeSpan? DurationP95 { get; init; }

    /// <summary>Mean time from a run that did not succeed to the end of the next run that did (each outage once).</summary>
    public TimeSpan? MeanTimeToRecover { get; init; }

    /// <summary>Outages that recovered in the period (what <see cref="MeanTimeToRecover"/> averages).</summary>
    public int Recoveries { get; init; }

    /// <summary>Runs of the period that took longer than their config's SLA.</summary>
    public int SlaMisses { get; init; }

    /// <summary>Rows and bytes per UTC day over the period, days with runs only, oldest first.</summary>
    public IReadOnlyList<DailyVolume> PerDay { get; init; } = [];
}

/// <summary>The KPIs of every config with runs in the last <see cref="RunKpis.PeriodDays"/> days, as of <see cref="At"/>.</summary>
public sealed record RunKpiReport(DateTimeOffset At, IReadOnlyList<ConfigKpis> Configs);

/// <summary>
/// KPIs across runs, computed from the run summaries the state keeps (<see cref="RunRecord"/>, kept
/// years, unlike run events): the application service behind <c>status --json</c> and the run list page.
/// </summary>
public sealed class RunKpis(IRunEventStore events, TimeProvider time)
{
    public const int PeriodDays = 30;

    public async Task<RunKpiReport> ComputeAsync(string? configId = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var runs = await events.ListRunsSinceAsync(now.AddDays(-PeriodDays), configId, cancellationToken).ConfigureAwait(false);
        return Compute(runs, now);
    }

    /// <summary>The KPIs of <paramref name="runs"/> as of <paramref name="now"/> (runs outside the period are ignored).</summary>
    public static RunKpiReport Compute(IEnumerable<RunRecord> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var period = runs.Where(r => r.StartedAt >= now.AddDays(-PeriodDays)).ToList();
        var configs = period
            .GroupBy(r => r.ConfigId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Of(g.Key, [.. g], now))
            .ToList();
        return new RunKpiReport(now, configs);
    }

    private static ConfigKpis Of(string configId, IReadOnlyList<RunRecord> runs, DateTimeOffset now)
    {
        var ended = runs.Where(r => r.EndedAt is not null && r.Status != RunStatus.Running).OrderBy(r => r.EndedAt).ToList();
        var week = ended.Where(r => r.StartedAt >= now.AddDays(-7)).ToList();
        var durations = ended.Select(r => r.EndedAt!.Value - r.StartedAt).Order().ToList();
        var (mttr, recoveries) = TimeToRecover(ended);
        return new ConfigKpis
        {
            ConfigId = configId,
            Runs7Days = runs.Count(r => r.StartedAt >= now.AddDays(-7)),
            Runs30Days = runs.Count,
            SuccessRate7Days = Rate(week),
            SuccessRate30Days = Rate(ended),
            DurationP50 = Percentile(durations, 0.50),
            DurationP95 = Percentile(durations, 0.95),
            MeanTimeToRecover = mttr,
            Recoveries = recoveries,
            SlaMisses = runs.Count(r => r.SlaMissed == true),
            PerDay = [.. runs
                .GroupBy(r => DateOnly.FromDateTime(r.StartedAt.UtcDateTime))
                .OrderBy(g => g.Key)
                .Select(g => new DailyVolume(g.Key, g.Sum(r => r.Rows ?? 0), g.Sum(r => r.Bytes ?? 0)))],
        };
    }

    private static double? Rate(List<RunRecord> ended) =>
        ended.Count == 0 ? null : (double)ended.Count(r => r.Status == RunStatus.Succeeded) / ended.Count;

    // Nearest rank: the smallest duration with at least p of the durations at or below it.
    private static TimeSpan? Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    // An outage starts at the end of the first run that did not succeed and ends at the end of the next
    // run that did; the runs that failed in between belong to the same outage.
    private static (TimeSpan? Mean, int Count) TimeToRecover(List<RunRecord> endedInOrder)
    {
        DateTimeOffset? brokenSince = null;
        var spans = new List<TimeSpan>();
        foreach (var run in endedInOrder)
        {
            if (run.Status != RunStatus.Succeeded)
            {
                brokenSince ??= run.EndedAt;
            }
            else if (brokenSince is { } since)
            {
                spans.Add(run.EndedAt!.Value - since);
                brokenSince = null;
            }
        }

        return spans.Count == 0 ? (null, 0) : (TimeSpan.FromTicks((long)spans.Average(s => s.Ticks)), spans.Count);
    }
}
