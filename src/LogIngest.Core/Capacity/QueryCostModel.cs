using System.Globalization;

namespace LogIngest.Core.Capacity;

/// <summary>
/// How long a query takes at the source: a fixed cost per query (queueing, planning, the round trip),
/// a cost per row the service reads, and, for a window query, a cost per row it sends back.
/// <c>latency = PerQuery + rows × (Scan + Return[window])</c>. The simulated workspace sleeps exactly
/// this (its <c>Latency</c> option), and the capacity planner charges it in virtual time.
/// </summary>
public sealed record QueryCostModel
{
    /// <summary>The answer of a source that takes no time: the simulated workspace's default.</summary>
    public static QueryCostModel None { get; } = new();

    /// <summary>
    /// Figures of the order the Log Analytics service shows, assumed, not measured here (a real workspace
    /// is measured instead, see <see cref="Fit"/>): 2 s per query, 20 million rows read a second, 50,000
    /// wide rows sent a second (a 66,000-row window of ~700-byte rows in about 3.3 s).
    /// </summary>
    public static QueryCostModel ServiceLike { get; } = new()
    {
        PerQuery = TimeSpan.FromSeconds(2),
        ScanSecondsPerMillionRows = 0.05,
        ReturnSecondsPerMillionRows = 20,
    };

    /// <summary>The fixed cost of every query. Default zero.</summary>
    public TimeSpan PerQuery { get; init; }

    /// <summary>Seconds per million rows the query reads (every kind). Default zero.</summary>
    public double ScanSecondsPerMillionRows { get; init; }

    /// <summary>Seconds per million rows a window query sends back. Default zero.</summary>
    public double ReturnSecondsPerMillionRows { get; init; }

    /// <summary>True when no query takes any time.</summary>
    public bool IsNone => PerQuery == TimeSpan.Zero && ScanSecondsPerMillionRows == 0 && ReturnSecondsPerMillionRows == 0;

    /// <summary>The whole latency of one query over <paramref name="rows"/> rows.</summary>
    public TimeSpan Latency(QueryKind kind, long rows) => PerQuery + ForRows(kind, rows);

    /// <summary>The part of the latency that grows with the rows (a streamed window pays it batch by batch).</summary>
    public TimeSpan ForRows(QueryKind kind, long rows)
    {
        var perMillion = ScanSecondsPerMillionRows + (kind == QueryKind.Window ? ReturnSecondsPerMillionRows : 0);
        return Seconds(Math.Max(0, rows) / 1e6 * perMillion);
    }

    /// <summary>Every cost times <paramref name="factor"/> (a short rehearsal of the same shape).</summary>
    public QueryCostModel Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(factor);
        return new()
        {
            PerQuery = Seconds(PerQuery.TotalSeconds * factor),
            ScanSecondsPerMillionRows = ScanSecondsPerMillionRows * factor,
            ReturnSecondsPerMillionRows = ReturnSecondsPerMillionRows * factor,
        };
    }

    /// <summary>
    /// Fits <c>PerQuery + Scan × rows</c> to timed queries by least squares (both kept at zero or above).
    /// Histogram and count queries return a handful of rows, so they cannot show what sending a window's rows
    /// costs: <paramref name="returnSecondsPerMillionRows"/> supplies that term. With one distinct row count
    /// the mean is the fixed cost; so it is when the row counts lie within half their mean of each other.
    /// </summary>
    public static QueryCostModel Fit(IReadOnlyCollection<QueryTiming> samples, double returnSecondsPerMillionRows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("At least one timed query is needed to fit a cost model.", nameof(samples));
        }

        var xs = samples.Select(s => s.Rows / 1e6).ToArray();
        var ys = samples.Select(s => s.Elapsed.TotalSeconds).ToArray();
        var meanX = xs.Average();
        var meanY = ys.Average();
        // Row counts that hardly differ (a plan's few range histograms often do) cannot tell a per-row cost
        // from noise, and a slope drawn through them would price small queries near zero: the mean it is.
        if (xs.Max() - xs.Min() < 0.5 * meanX)
        {
            return new() { PerQuery = Seconds(meanY), ReturnSecondsPerMillionRows = returnSecondsPerMillionRows };
        }

        var sxx = xs.Sum(x => (x - meanX) * (x - meanX));
        var slope = sxx <= 0 ? 0 : xs.Zip(ys, (x, y) => (x - meanX) * (y - meanY)).Sum() / sxx;
        slope = Math.Max(0, slope);
        var intercept = meanY - (slope * meanX);
        if (intercept < 0)
        {
            // A negative fixed cost means the points lie through the origin: refit the slope alone.
            intercept = 0;
            var sumXx = xs.Sum(x => x * x);
            slope = sumXx <= 0 ? 0 : Math.Max(0, xs.Zip(ys, (x, y) => x * y).Sum() / sumXx);
        }

        return new()
        {
            PerQuery = Seconds(intercept),
            ScanSecondsPerMillionRows = slope,
            ReturnSecondsPerMillionRows = returnSecondsPerMillionRows,
        };
    }

    /// <summary>
    /// Reads <c>none</c>, <c>service</c> (<see cref="ServiceLike"/>) or <c>service*factor</c> (scaled, e.g.
    /// <c>service*0.1</c>); null when the text is none of these.
    /// </summary>
    public static QueryCostModel? Parse(string? text)
    {
        var value = text?.Trim().ToLowerInvariant();
        if (value == "none")
        {
            return None;
        }

        if (value == "service")
        {
            return ServiceLike;
        }

        if (value is not null && value.StartsWith("service*", StringComparison.Ordinal)
            && double.TryParse(value["service*".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor)
            && double.IsFinite(factor) && factor >= 0)
        {
            return ServiceLike.Scaled(factor);
        }

        return null;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{PerQuery.TotalSeconds:0.###} s a query + {ScanSecondsPerMillionRows:0.####} s per million rows read + {ReturnSecondsPerMillionRows:0.###} s per million rows returned");

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
