using LogIngest.Core.Model;

namespace LogIngest.Benchmarks;

/// <summary>
/// The peer: the seed design's planning. It binary-searches whole minutes in [15, 480] for a window size
/// whose first window (from the range's start) counts 200,000–300,000 rows, one count query per probe,
/// then cuts the whole range into windows of that one size.
/// </summary>
internal static class PlannerSeedAlgorithm
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 480;
    public const long TargetLow = 200_000;
    public const long TargetHigh = 300_000;

    public static async Task<(IReadOnlyList<Interval> Windows, int Queries, int Minutes)> PlanAsync(
        Interval range, Func<Interval, CancellationToken, Task<long>> count, CancellationToken cancellationToken = default)
    {
        int low = MinMinutes, high = MaxMinutes, queries = 0, chosen = MinMinutes;
        while (low <= high)
        {
            var minutes = (low + high) / 2;
            var probe = new Interval(range.Start, Math.Min(range.End, range.Start + (minutes * TimeSpan.TicksPerMinute)));
            var rows = await count(probe, cancellationToken);
            queries++;
            chosen = minutes;
            if (rows < TargetLow)
            {
                low = minutes + 1;
            }
            else if (rows > TargetHigh)
            {
                high = minutes - 1;
            }
            else
            {
                break;
            }
        }

        var windows = new List<Interval>();
        for (var at = range.Start; at < range.End; at += chosen * TimeSpan.TicksPerMinute)
        {
            windows.Add(new Interval(at, Math.Min(range.End, at + (chosen * TimeSpan.TicksPerMinute))));
        }

        return (windows, queries, chosen);
    }
}
