using System.Globalization;

namespace LogIngest.Core.Transform;

/// <summary>
/// The <c>year=YYYY/month=MM/day=DD</c> partitions rows are routed to by <c>TimeGenerated</c> (UTC).
/// A day is held as its number since 0001-01-01 (ticks / ticks per day).
/// </summary>
public static class DayPartition
{
    public static long DayOf(long utcTicks) => utcTicks / TimeSpan.TicksPerDay;

    public static long StartOf(long day) => day * TimeSpan.TicksPerDay;

    /// <summary><c>year=2025/month=01/day=31</c>.</summary>
    public static string Folder(long day)
    {
        var date = new DateTime(StartOf(day), DateTimeKind.Utc);
        return date.ToString("'year='yyyy'/month='MM'/day='dd", CultureInfo.InvariantCulture);
    }

    /// <summary><c>{prefix}/{table}/year=YYYY/month=MM/day=DD</c> (no trailing slash).</summary>
    public static string TableDayFolder(string prefix, string table, long day)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        var folder = table + "/" + Folder(day);
        return string.IsNullOrEmpty(prefix) ? folder : prefix.TrimEnd('/') + "/" + folder;
    }

    /// <summary>The days <c>[first, last]</c> that instants of <c>[start, end)</c> fall on; none when empty.</summary>
    public static IEnumerable<long> DaysOf(long start, long end)
    {
        if (end <= start)
        {
            yield break;
        }

        for (var day = DayOf(start); day <= DayOf(end - 1); day++)
        {
            yield return day;
        }
    }
}
