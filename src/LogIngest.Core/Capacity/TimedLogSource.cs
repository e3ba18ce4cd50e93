using System.Collections.Concurrent;
using System.Diagnostics;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Capacity;

/// <summary>
/// Times the histogram and count queries a planner asks of a source (what <see cref="QueryCostModel.Fit"/>
/// is fitted to) and refuses window queries: a plan reads no rows.
/// </summary>
public sealed class TimedLogSource(ILogSource inner) : ILogSource
{
    private readonly ConcurrentQueue<QueryTiming> _timings = new();

    /// <summary>Every query answered, in the order they ended.</summary>
    public IReadOnlyCollection<QueryTiming> Timings => _timings;

    public async Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var bins = await inner.GetHistogramAsync(query, cancellationToken).ConfigureAwait(false);
        _timings.Enqueue(new QueryTiming(QueryKind.Histogram, bins.Sum(b => b.Rows), clock.Elapsed));
        return bins;
    }

    public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var rows = await inner.CountAsync(query, cancellationToken).ConfigureAwait(false);
        _timings.Enqueue(new QueryTiming(QueryKind.Count, rows, clock.Elapsed));
        return rows;
    }

    public IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A capacity plan reads no rows: only histogram and count queries reach the source.");
}
