namespace LogIngest.Core.Model;

/// <summary>
/// Rows and estimated bytes per <paramref name="Bin"/> of <paramref name="Range"/>. Bins are aligned
/// on <c>Range.Start</c> (KQL <c>bin_at</c>); the last bin is cut at <c>Range.End</c>.
/// </summary>
public sealed record LogHistogramQuery(string Table, TimeAxis Axis, Interval Range, TimeSpan Bin)
{
    public KeySplit? Split { get; init; }

    public string? Filter { get; init; }

    /// <summary>The histogram a config's planning asks for over <paramref name="range"/>.</summary>
    public static LogHistogramQuery For(LoadConfig config, Interval range, TimeSpan bin)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new LogHistogramQuery(config.Table, config.Axis, range, bin) { Filter = config.Filter };
    }

    /// <summary>The window this query counts, for sources that answer both.</summary>
    public LogWindowQuery AsWindow() => new(Table, Axis, Range) { Split = Split, Filter = Filter };
}
