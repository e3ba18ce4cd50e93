namespace LogIngest.Core.Model;

/// <summary>
/// The rows of one table whose <paramref name="Axis"/> time lies in the half-open
/// <paramref name="Window"/>, optionally one <see cref="Split"/> slice of them and narrowed by the
/// config's <see cref="Filter"/> (validated by <see cref="Kql.KqlValidation.CheckFilter"/>).
/// </summary>
public sealed record LogWindowQuery(string Table, TimeAxis Axis, Interval Window)
{
    public KeySplit? Split { get; init; }

    public string? Filter { get; init; }

    /// <summary>The window query a config's load issues for <paramref name="window"/>.</summary>
    public static LogWindowQuery For(LoadConfig config, Interval window, KeySplit? split = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new LogWindowQuery(config.Table, config.Axis, window) { Split = split, Filter = config.Filter };
    }
}
