using System.Globalization;
using System.Text.Json.Serialization;

namespace LogIngest.Core.Model;

/// <summary>
/// A half-open span of time <c>[Start, End)</c> in UTC ticks (100 ns, Kusto's precision).
/// An interval with <c>Start == End</c> is empty.
/// </summary>
public readonly record struct Interval : IComparable<Interval>
{
    // Without this, System.Text.Json uses the struct's implicit parameterless constructor and
    // workflow messages lose every interval (they come back as [0, 0)).
    [JsonConstructor]
    public Interval(long start, long end)
    {
        if (start < 0 || end > DateTime.MaxValue.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Interval [{start}, {end}) lies outside the representable UTC range.");
        }

        if (end < start)
        {
            throw new ArgumentException($"Interval end {end} is before its start {start}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public long Start { get; }

    public long End { get; }

    public long Length => End - Start;

    public bool IsEmpty => End == Start;

    public DateTime StartUtc => new(Start, DateTimeKind.Utc);

    public DateTime EndUtc => new(End, DateTimeKind.Utc);

    public static Interval FromUtc(DateTime start, DateTime end) => new(ToUtcTicks(start), ToUtcTicks(end));

    public static Interval FromUtc(DateTimeOffset start, DateTimeOffset end) => new(start.UtcTicks, end.UtcTicks);

    public bool Contains(long tick) => tick >= Start && tick < End;

    public bool Contains(Interval other) => other.Start >= Start && other.End <= End;

    /// <summary>True when the two share at least one instant (touching ends do not overlap).</summary>
    public bool Overlaps(Interval other) => other.Start < End && Start < other.End;

    public Interval? Intersect(Interval other)
    {
        var start = Math.Max(Start, other.Start);
        var end = Math.Min(End, other.End);
        return start < end ? new Interval(start, end) : null;
    }

    public int CompareTo(Interval other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : End.CompareTo(other.End);
    }

    public static bool operator <(Interval left, Interval right) => left.CompareTo(right) < 0;

    public static bool operator >(Interval left, Interval right) => left.CompareTo(right) > 0;

    public static bool operator <=(Interval left, Interval right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Interval left, Interval right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{FormatTicks(Start)}, {FormatTicks(End)})");

    /// <summary>ISO-8601 UTC with all seven fractional digits, e.g. <c>2025-01-01T00:00:00.0000000Z</c>.</summary>
    public static string FormatTicks(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static long ToUtcTicks(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value.Ticks,
        DateTimeKind.Local => value.ToUniversalTime().Ticks,
        _ => throw new ArgumentException("DateTime must be UTC (Kind=Utc); unspecified kinds are ambiguous.", nameof(value)),
    };
}
