using LogIngest.Core.Model;

namespace LogIngest.Core.Transform;

/// <summary>
/// Finds the files an ingest must delete before it writes: files of the same table and axis whose
/// encoded range overlaps the window and that are not among the files this ingest writes. They are
/// left by an earlier plan that never checkpointed (a crash, or a window re-planned finer), or by an
/// earlier attempt of this very window that touched a day this attempt does not. Removing them keeps
/// the invariant that every instant of a table/day is covered by at most one file.
/// </summary>
public static class OrphanFiles
{
    /// <summary>
    /// The days whose folders can hold files overlapping the window. On TimeGenerated, exactly the days
    /// of the window (a file's rows lie in its range). On ingestion time a row's day is its event time,
    /// which lags its arrival: the days of <c>[start - lagHorizon, end)</c> plus every day this window's
    /// own rows touched. The latter alone is complete while rows do not change: an orphan's row arrived
    /// at an instant some current window covers, and that window sees the same row and lists its day;
    /// the horizon adds the days an arrival lag within <paramref name="lagHorizon"/> can reach anyway.
    /// </summary>
    public static IReadOnlyList<long> DaysToList(TimeAxis axis, Interval window, IEnumerable<long> touchedDays, TimeSpan lagHorizon)
    {
        ArgumentNullException.ThrowIfNull(touchedDays);
        var days = new SortedSet<long>(touchedDays);
        var from = axis == TimeAxis.IngestionTime ? Math.Max(0, window.Start - Math.Max(0, lagHorizon.Ticks)) : window.Start;
        foreach (var day in DayPartition.DaysOf(from, window.End))
        {
            days.Add(day);
        }

        return [.. days];
    }

    /// <summary>The listed keys that are orphans of <paramref name="own"/>: same table and axis, overlapping, and not in <paramref name="writing"/>.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> listed, WindowFileName own, IReadOnlySet<string> writing)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(writing);
        var orphans = new List<string>();
        foreach (var path in listed)
        {
            if (!writing.Contains(path) && WindowFileName.TryParse(path, own.Table, out var other) && own.Overlaps(other))
            {
                orphans.Add(path);
            }
        }

        orphans.Sort(StringComparer.Ordinal);
        return orphans;
    }
}
