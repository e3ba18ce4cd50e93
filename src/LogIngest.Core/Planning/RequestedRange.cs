using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>What one run asks to load: a span on one clock. Empty when there is nothing to do yet.</summary>
/// <param name="Span">Half-open, UTC ticks.</param>
/// <param name="Axis"><c>TimeGenerated</c> for backfills, <c>ingestion_time()</c> for incremental loads.</param>
/// <param name="ClampedAtNow">True when a backfill's <c>to</c> lay in the future and the span stops at now.</param>
public sealed record RequestedRange(Interval Span, TimeAxis Axis, bool ClampedAtNow = false)
{
    public bool IsEmpty => Span.IsEmpty;
}
