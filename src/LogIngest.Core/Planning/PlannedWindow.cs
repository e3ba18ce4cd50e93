using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// One window to ingest: a half-open span, optionally narrowed to one key slice, with the estimates it
/// was planned from and the reasons for its two boundaries.
/// </summary>
/// <param name="Span">The time the window covers. Key-split windows of one instant share the same one-tick span.</param>
/// <param name="EstimatedRows">Rows the histogram put in the span (for a key slice: the instant's rows / modulus, rounded up).</param>
/// <param name="EstimatedBytes">Estimated bytes, likewise.</param>
/// <param name="StartReason">Why <see cref="Interval.Start"/> of <paramref name="Span"/> is where it is.</param>
/// <param name="EndReason">Why <see cref="Interval.End"/> of <paramref name="Span"/> is where it is.</param>
/// <param name="KeySplit">When set, the ingest query adds <c>hash(_ItemId) % Modulus == Remainder</c>.</param>
public sealed record PlannedWindow(
    Interval Span,
    long EstimatedRows,
    long EstimatedBytes,
    BoundaryReason StartReason,
    BoundaryReason EndReason,
    KeySplit? KeySplit = null)
{
    /// <summary>
    /// True for a slice of an instant that alone exceeds a limit: time cannot be cut finer than one tick,
    /// so the instant is split by key instead.
    /// </summary>
    public bool IsIrreducible => KeySplit is not null;
}
