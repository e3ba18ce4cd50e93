using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// Resolves the range a run requests. Both modes then go through the same gaps, ranges and planner.
/// </summary>
public static class RequestedRangeResolver
{
    /// <summary>
    /// How far back an incremental load with neither a watermark nor <c>from</c> starts: one day before
    /// its end, so a first run picks up recent data without scanning the whole retention.
    /// </summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(1);

    /// <summary>
    /// Incremental: <c>[watermark ?? from ?? end - DefaultLookback, now - settleDelay)</c> on
    /// <c>ingestion_time()</c>; <c>to</c> is ignored. Backfill: <c>[from, min(to, now - settleDelay))</c> on
    /// <c>TimeGenerated</c> — time not yet settled is never planned, since a window over it would be
    /// checkpointed as done without the rows still on their way. A range that would start at or after its end is empty.
    /// </summary>
    /// <exception cref="Observability.LogIngestException">C301 naming the field, for a config that cannot give a range.</exception>
    public static RequestedRange Resolve(LoadConfig config, DateTimeOffset? watermark, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        var nowTicks = now.UtcTicks;
        if (config.Mode == LoadMode.Incremental)
        {
            if (config.SettleDelay < TimeSpan.Zero)
            {
                throw PlanningValidation.Invalid($"settleDelay must be zero or positive (e.g. \"00:30:00\"); got {config.SettleDelay}.");
            }

            var end = Math.Max(0, nowTicks - config.SettleDelay.Ticks);
            var start = watermark?.UtcTicks ?? config.From?.UtcTicks ?? Math.Max(0, end - DefaultLookback.Ticks);
            return new RequestedRange(Ordered(start, end), TimeAxis.IngestionTime);
        }

        if (config.From is not { } from)
        {
            throw PlanningValidation.Invalid($"from is required for a backfill of config '{config.Id}': set \"from\" to the first instant to load (UTC).");
        }

        if (config.To is not { } to)
        {
            throw PlanningValidation.Invalid($"to is required for a backfill of config '{config.Id}': set \"to\" to the instant after the last one to load (UTC).");
        }

        if (to <= from)
        {
            throw PlanningValidation.Invalid($"to ({to:O}) must be after from ({from:O}) in config '{config.Id}'.");
        }

        // Never plan the last settleDelay before now: rows of those minutes may not be queryable yet,
        // and a window planned over them would be checkpointed without them.
        if (config.SettleDelay < TimeSpan.Zero)
        {
            throw PlanningValidation.Invalid($"settleDelay must be zero or positive (e.g. \"00:30:00\"); got {config.SettleDelay}.");
        }

        var horizon = Math.Max(0, nowTicks - config.SettleDelay.Ticks);
        var clamped = to.UtcTicks > horizon;
        var stop = clamped ? horizon : to.UtcTicks;
        return new RequestedRange(Ordered(from.UtcTicks, stop), TimeAxis.TimeGenerated, clamped);
    }

    private static Interval Ordered(long start, long end) => start < end ? new Interval(start, end) : new Interval(end, end);
}
