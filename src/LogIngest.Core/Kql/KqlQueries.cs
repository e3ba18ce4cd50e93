using System.Globalization;
using System.Text;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Kql;

/// <summary>
/// Builds the only three queries LogIngest sends. Shapes (one line each):
/// <code>
/// window:    ['T'] | where &lt;time&gt; &gt;= datetime(a) and &lt;time&gt; &lt; datetime(b)[ | where hash(_ItemId, M) == R][ | &lt;filter&gt;]
/// count:     &lt;window&gt; | count
/// histogram: &lt;window&gt; | summarize n=count(), bytes=sum(estimate_data_size(*)) by t=bin_at(&lt;time&gt;, &lt;bin&gt;, datetime(a))
/// </code>
/// where <c>&lt;time&gt;</c> is <c>TimeGenerated</c> or <c>ingestion_time()</c> and datetimes carry seven
/// fractional digits. Names and the filter are validated (<see cref="KqlValidation"/>); invalid input
/// throws C301 before anything is sent.
/// </summary>
public static class KqlQueries
{
    public const string CountColumn = "Count";
    public const string HistogramTimeColumn = "t";
    public const string HistogramRowsColumn = "n";
    public const string HistogramBytesColumn = "bytes";

    /// <summary>The histogram step every histogram query carries (a reader of these queries matches it).</summary>
    public const string SummarizeText = " | summarize n=count(), bytes=sum(estimate_data_size(*)) by t=bin_at(";
    /// <summary>The count step every count query ends with.</summary>
    public const string CountText = " | count";

    public static string Window(LogWindowQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Pipeline(query.Table, query.Axis, query.Window, query.Split, query.Filter);
    }

    public static string Count(LogWindowQuery query) => Window(query) + CountText;

    public static string Histogram(LogHistogramQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Bin <= TimeSpan.Zero)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"Histogram bin must be positive, not {query.Bin}.");
        }

        var builder = new StringBuilder(Pipeline(query.Table, query.Axis, query.Range, query.Split, query.Filter));
        builder.Append(SummarizeText).Append(TimeExpression(query.Axis)).Append(", ")
            .Append(TimeSpanLiteral(query.Bin.Ticks)).Append(", ")
            .Append(DateTimeLiteral(query.Range.Start)).Append(')');
        return builder.ToString();
    }

    /// <summary><c>['name']</c> after checking the name is an identifier.</summary>
    public static string QuoteIdentifier(string name) => "['" + KqlValidation.EnsureIdentifier(name, "Identifier") + "']";

    /// <summary><c>datetime(2025-01-01T00:00:00.0000000Z)</c>.</summary>
    public static string DateTimeLiteral(long ticks) => "datetime(" + Interval.FormatTicks(ticks) + ")";

    /// <summary>A timespan literal in the largest whole unit: <c>1d</c>, <c>6h</c>, <c>15m</c>, <c>30s</c>, <c>250ms</c>, <c>5microsecond</c>, <c>1tick</c>.</summary>
    public static string TimeSpanLiteral(long ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticks);
        foreach (var (unit, size) in TimeSpanUnits)
        {
            if (ticks % size == 0)
            {
                return (ticks / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        throw new InvalidOperationException("unreachable: every tick count is a whole number of ticks");
    }

    /// <summary><c>TimeGenerated</c> or <c>ingestion_time()</c>.</summary>
    public static string TimeExpression(TimeAxis axis) => axis switch
    {
        TimeAxis.TimeGenerated => "TimeGenerated",
        TimeAxis.IngestionTime => "ingestion_time()",
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "Unknown time axis."),
    };

    /// <summary>The KQL timespan units the builder writes, largest first, with their size in ticks.</summary>
    public static readonly IReadOnlyList<(string Unit, long Size)> TimeSpanUnits =
    [
        ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond), ("microsecond", 10), ("tick", 1),
    ];

    private static string Pipeline(string table, TimeAxis axis, Interval window, KeySplit? split, string? filter)
    {
        var time = TimeExpression(axis);
        var builder = new StringBuilder(256);
        builder.Append("['").Append(KqlValidation.EnsureIdentifier(table, "Table")).Append("']")
            .Append(" | where ").Append(time).Append(" >= ").Append(DateTimeLiteral(window.Start))
            .Append(" and ").Append(time).Append(" < ").Append(DateTimeLiteral(window.End));
        if (split is { } s)
        {
            builder.Append(CultureInfo.InvariantCulture, $" | where hash(_ItemId, {s.Modulus}) == {s.Remainder}");
        }

        var checkedFilter = KqlValidation.EnsureFilter(filter, "Filter");
        if (checkedFilter is not null)
        {
            builder.Append(" | ").Append(checkedFilter.StartsWith('|') ? checkedFilter[1..].TrimStart() : checkedFilter);
        }

        return builder.ToString();
    }
}
