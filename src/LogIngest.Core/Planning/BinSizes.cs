namespace LogIngest.Core.Planning;

/// <summary>
/// The histogram bin sizes the planner uses. Refinement steps down day, hour, minute, second,
/// millisecond, one tick (100 ns): one over-limit bin is answered by at most 10,000 finer bins
/// (millisecond to tick) and refinement ends after five steps. A range's first query may also use
/// 5 or 15 minutes, so ranges of a few months still get fine bins in one query.
/// </summary>
public static class BinSizes
{
    /// <summary>The default cap on bins one histogram query may return (well under the API's 500,000 rows).</summary>
    public const int DefaultMaxBinsPerQuery = 100_000;

    private static readonly long[] Ladder =
    [
        TimeSpan.TicksPerDay,
        TimeSpan.TicksPerHour,
        TimeSpan.TicksPerMinute,
        TimeSpan.TicksPerSecond,
        TimeSpan.TicksPerMillisecond,
        1,
    ];

    private static readonly long[] FirstQuerySizes =
    [
        TimeSpan.TicksPerDay,
        TimeSpan.TicksPerHour,
        15 * TimeSpan.TicksPerMinute,
        5 * TimeSpan.TicksPerMinute,
        TimeSpan.TicksPerMinute,
        TimeSpan.TicksPerSecond,
        TimeSpan.TicksPerMillisecond,
        1,
    ];

    /// <summary>Every size, coarse to fine.</summary>
    public static IReadOnlyList<long> All => FirstQuerySizes;

    /// <summary>
    /// The finest size for which a range of <paramref name="rangeTicks"/> yields at most
    /// <paramref name="maxBins"/> bins (a 30-day range gets minutes: 43,200 bins, one query; a year
    /// 15 minutes); a day when even days are too many.
    /// </summary>
    public static long ForRange(long rangeTicks, int maxBins = DefaultMaxBinsPerQuery)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rangeTicks);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        for (var i = FirstQuerySizes.Length - 1; i >= 0; i--)
        {
            var size = FirstQuerySizes[i];
            var bins = (rangeTicks / size) + (rangeTicks % size == 0 ? 0 : 1);
            if (bins <= maxBins)
            {
                return size;
            }
        }

        return Ladder[0];
    }

    /// <summary>The largest size strictly smaller than a bin of <paramref name="binTicks"/>; one tick is final.</summary>
    public static long FinerThan(long binTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binTicks, 2);
        foreach (var size in Ladder)
        {
            if (size < binTicks)
            {
                return size;
            }
        }

        return 1;
    }
}
