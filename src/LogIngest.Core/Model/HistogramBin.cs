namespace LogIngest.Core.Model;

/// <summary>One bin of a histogram query: the rows and estimated bytes whose time falls in <see cref="Span"/>.</summary>
public readonly record struct HistogramBin(Interval Span, long Rows, long Bytes);
