using System.Globalization;
using LogIngest.Core.Model;

namespace LogIngest.Core.Transform;

/// <summary>
/// The deterministic file name of a window's rows on one day:
/// <c>{table}-{start}-{end}.parquet</c> for a TimeGenerated window,
/// <c>{table}-i{start}-{end}.parquet</c> for an ingestion-time window, and
/// <c>...-k{r}of{m}.parquet</c> for one key-split slice, where <c>{start}</c> and <c>{end}</c> are UTC
/// instants in ISO 8601 basic form with all seven fractional digits (<c>20250101T060000.0000000Z</c>):
/// readable, sorted by time as text, exact to the 100 ns tick, and free of <c>:</c> (not allowed in
/// Windows file names). The same window always gets the same name, so a re-ingest overwrites its own
/// files, and the name alone says which instants a file may cover. Names written before this form
/// (raw .NET ticks, <c>{table}-{startTicks}-{endTicks}.parquet</c>) still parse, so verify and orphan
/// cleanup see older lakes whole; a re-ingest of such a window writes the new name and removes the old
/// file as an orphan.
/// </summary>
public readonly record struct WindowFileName(string Table, TimeAxis Axis, Interval Window, KeySplit? Split)
{
    public const string Extension = ".parquet";

    private const string InstantFormat = "yyyyMMdd'T'HHmmss'.'fffffff'Z'";

    public string FileName => Format(legacyTicks: false);

    /// <summary>The lake key of this window's file for <paramref name="day"/>.</summary>
    public string PathFor(string prefix, long day) => DayPartition.TableDayFolder(prefix, Table, day) + "/" + FileName;

    /// <summary>
    /// True when both may hold rows of the same instants: same axis, overlapping spans, and — for two
    /// key slices of the same instant — slices that share rows.
    /// </summary>
    public bool Overlaps(WindowFileName other)
    {
        if (Axis != other.Axis || !Window.Overlaps(other.Window))
        {
            return false;
        }

        if (Split is not { } a || other.Split is not { } b || Window != other.Window)
        {
            return true;
        }

        return a.SharesKeysWith(b);
    }

    /// <summary>Parses the last segment of a lake key written for <paramref name="table"/>; false for anything else.</summary>
    public static bool TryParse(string path, string table, out WindowFileName name)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(table);
        name = default;
        var file = path[(path.LastIndexOf('/') + 1)..];
        if (!file.StartsWith(table + "-", StringComparison.Ordinal) || !file.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = file[(table.Length + 1)..^Extension.Length].Split('-');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var axis = TimeAxis.TimeGenerated;
        var start = parts[0];
        if (start.StartsWith('i'))
        {
            axis = TimeAxis.IngestionTime;
            start = start[1..];
        }

        // Both bounds in one spelling: instants (this form) or raw ticks (names written before it).
        var legacy = IsDigits(start) && IsDigits(parts[1]);
        long s, e;
        if (!(legacy ? TryTicks(start, out s) && TryTicks(parts[1], out e) : TryInstant(start, out s) && TryInstant(parts[1], out e))
            || e <= s || e > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        KeySplit? split = null;
        if (parts.Length == 3)
        {
            if (!TryParseSplit(parts[2], out var parsed))
            {
                return false;
            }

            split = parsed;
        }

        name = new WindowFileName(table, axis, new Interval(s, e), split);
        return name.Format(legacy) == file; // canonical spelling only (no leading zeros, no '+')
    }

    /// <summary>The instant as a name writes it: <c>20250101T060000.0000000Z</c>.</summary>
    public static string FormatInstant(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString(InstantFormat, CultureInfo.InvariantCulture);

    private string Format(bool legacyTicks)
    {
        var start = legacyTicks ? Window.Start.ToString(CultureInfo.InvariantCulture) : FormatInstant(Window.Start);
        var end = legacyTicks ? Window.End.ToString(CultureInfo.InvariantCulture) : FormatInstant(Window.End);
        var name = Table + "-" + (Axis == TimeAxis.IngestionTime ? "i" : string.Empty) + start + "-" + end;
        return (Split is { } s ? name + "-" + s : name) + Extension;
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static bool TryTicks(string text, out long ticks) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ticks);

    private static bool TryInstant(string text, out long ticks)
    {
        ticks = 0;
        if (!DateTime.TryParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return false;
        }

        ticks = value.Ticks;
        return true;
    }

    private static bool TryParseSplit(string text, out KeySplit split)
    {
        split = default;
        var of = text.IndexOf("of", StringComparison.Ordinal);
        if (!text.StartsWith('k') || of < 2
            || !int.TryParse(text.AsSpan(1, of - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            || !int.TryParse(text.AsSpan(of + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m < 2 || r >= m)
        {
            return false;
        }

        split = new KeySplit(m, r);
        return true;
    }
}
