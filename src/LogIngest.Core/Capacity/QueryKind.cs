namespace LogIngest.Core.Capacity;

/// <summary>The three queries a load asks the source: a histogram to plan, a count to check, a window's rows.</summary>
public enum QueryKind
{
    Histogram,
    Count,
    Window,
}

/// <summary>One query as a client timed it: its kind, the rows it scanned (histogram, count) or returned (window), and how long it took.</summary>
public sealed record QueryTiming(QueryKind Kind, long Rows, TimeSpan Elapsed);
