using LogIngest.Core.Model;

namespace LogIngest.Core.Tests.Planning;

/// <summary>
/// Ground truth for planning tests: rows at instants. Answers histogram queries exactly at any bin size,
/// like Kusto's <c>bin()</c> (bins aligned to multiples of the size), and counts the queries.
/// </summary>
internal sealed class PointSource
{
    private readonly long[] _ticks;
    private readonly long[] _rows;
    private readonly long[] _bytes;

    public PointSource(IEnumerable<(long Tick, long Rows, long Bytes)> points)
    {
        var merged = points.Where(p => p.Rows > 0)
            .GroupBy(p => p.Tick)
            .Select(g => (Tick: g.Key, Rows: g.Sum(p => p.Rows), Bytes: g.Sum(p => p.Bytes)))
            .OrderBy(p => p.Tick)
            .ToArray();
        _ticks = [.. merged.Select(p => p.Tick)];
        _rows = [.. merged.Select(p => p.Rows)];
        _bytes = [.. merged.Select(p => p.Bytes)];
    }

    public int Queries { get; private set; }

    public int Count => _ticks.Length;

    public Task<IReadOnlyList<HistogramBin>> HistogramAsync(Interval span, long binTicks, CancellationToken cancellationToken)
    {
        Queries++;
        return Task.FromResult(Histogram(span, binTicks));
    }

    public IReadOnlyList<HistogramBin> Histogram(Interval span, long binTicks)
    {
        var bins = new List<HistogramBin>();
        var i = LowerBound(span.Start);
        while (i < _ticks.Length && _ticks[i] < span.End)
        {
            var binStart = _ticks[i] / binTicks * binTicks;
            var binEnd = binStart + binTicks;
            long rows = 0, bytes = 0;
            while (i < _ticks.Length && _ticks[i] < Math.Min(binEnd, span.End))
            {
                rows += _rows[i];
                bytes += _bytes[i];
                i++;
            }

            bins.Add(new HistogramBin(new Interval(Math.Max(binStart, span.Start), Math.Min(binEnd, span.End)), rows, bytes));
        }

        return bins;
    }

    public (long Rows, long Bytes) Sum(Interval span)
    {
        long rows = 0, bytes = 0;
        for (var i = LowerBound(span.Start); i < _ticks.Length && _ticks[i] < span.End; i++)
        {
            rows += _rows[i];
            bytes += _bytes[i];
        }

        return (rows, bytes);
    }

    private int LowerBound(long tick)
    {
        int lo = 0, hi = _ticks.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_ticks[mid] < tick)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
