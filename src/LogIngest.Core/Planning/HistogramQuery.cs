using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// Runs one histogram query: the non-empty bins of <paramref name="span"/> at <paramref name="binTicks"/>
/// (<c>summarize n=count(), bytes=sum(estimate_data_size(*)) by bin(time, g)</c>), each bin's span inside
/// <paramref name="span"/>. The activity adapts its log source to this delegate.
/// </summary>
public delegate Task<IReadOnlyList<HistogramBin>> HistogramQuery(Interval span, long binTicks, CancellationToken cancellationToken);
