using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// How a window whose result came back truncated is planned again finer, never retried as is.
/// </summary>
public static class Replanning
{
    /// <summary>
    /// The limits to re-plan a truncated window's span with: <c>maxRows</c> and <c>maxBytes</c> halved per
    /// truncation so far (the estimate let it through once, so the same limits could plan it again),
    /// <c>minRows</c> lowered with them. Pass the result to <see cref="WindowPlanningDriver.PlanAsync(IEnumerable{Interval}, WindowLimits, CancellationToken)"/>.
    /// </summary>
    public static WindowLimits TightenedLimits(WindowLimits limits, int truncations)
    {
        PlanningValidation.ValidateLimits(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(truncations, 1);
        var divisor = 1L << Math.Min(truncations, 20);
        var maxRows = Math.Max(1, limits.MaxRows / divisor);
        return new WindowLimits
        {
            MaxRows = maxRows,
            MaxBytes = Math.Max(1, limits.MaxBytes / divisor),
            MinRows = Math.Min(limits.MinRows, maxRows),
        };
    }

    /// <summary>
    /// Two slices that together hold exactly the rows of <paramref name="split"/>: for a non-negative hash
    /// <c>h</c>, <c>h % k == r</c> exactly when <c>h % 2k</c> is <c>r</c> or <c>r + k</c>. A truncated key
    /// slice is replaced by these, leaving the instant's other slices as they are.
    /// </summary>
    public static IReadOnlyList<KeySplit> SplitFurther(KeySplit split) =>
    [
        new KeySplit(split.Modulus * 2, split.Remainder),
        new KeySplit(split.Modulus * 2, split.Remainder + split.Modulus),
    ];
}
