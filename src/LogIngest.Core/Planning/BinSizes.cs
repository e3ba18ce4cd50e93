namespace LogIngest.Core.Planning;

/// <summary>
/// The histogram bin sizes the planner uses, coarse to fine: day, hour, minute, second, millisecond,
/// one tick (100 ns). Each refinement steps to the next finer size, so one over-limit bin is answered
/// by at most 10,000 finer bins (millisecond to tick) and the refinement ends after five steps.
/// </summary>
public static class BinSizes
{
    /// <summary>The default cap on bins one histogram query may return (well under the API's 500,000 rows).</summary>
    public const int DefaultMaxBinsPerQuery = 50_000;

    private static readonly long[] Ladder =
    [
        TimeSpan.TicksPerDay,
        TimeSpan.TicksPerHour,
        TimeSpan.TicksPerMinute,
        TimeSpan.TicksPerSecond,
        TimeSpan.TicksPerMillisecond,
        1,
    ];

    /// <summary>Every size, coarse to fine.</summary>
    public static IReadOnlyList<long> All => Ladder;

    /// <summary>
    /// The finest size for which a range of <paramref name="rangeTicks"/> yields at most
    /// <paramref name="maxBins"/> bins (a 30-day range gets minutes: 43,200 bins, one query);
    /// a day when even days are too many.
    /// </summary>
    public static long ForRange(long rangeTicks, int maxBins = DefaultMaxBinsPerQuery)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rangeTicks);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        for (var i = Ladder.Length - 1; i >= 0; i--)
        {
            var size = Ladder[i];
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
