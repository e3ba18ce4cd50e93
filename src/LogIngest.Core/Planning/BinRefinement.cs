using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// A request for a finer histogram of one span whose bin exceeded a limit: query
/// <paramref name="Span"/> again with bins of <paramref name="BinTicks"/> and plan once more.
/// </summary>
public sealed record BinRefinement(Interval Span, long BinTicks);
