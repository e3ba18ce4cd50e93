using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Sources;

/// <summary>
/// Caps concurrent queries against Log Analytics and counts them. The service runs at most five
/// queries at once per identity and queues (then 429s) the rest, and every range of every run shares
/// one identity, so the cap is process-wide: one gate wraps every source the host hands out.
/// A streamed query holds its slot until its stream ends.
/// </summary>
public sealed class QueryGate : IDisposable
{
    /// <summary>The service's concurrent-query limit per user (FACTS.md).</summary>
    public const int DefaultMaxConcurrentQueries = 5;

    private readonly SemaphoreSlim _slots;
    private long _queries;
    private long _histogramQueries;
    private long _countQueries;
    private int _inFlight;
    private int _peakInFlight;

    public QueryGate(int maxConcurrentQueries = DefaultMaxConcurrentQueries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentQueries, 1);
        MaxConcurrentQueries = maxConcurrentQueries;
        _slots = new SemaphoreSlim(maxConcurrentQueries, maxConcurrentQueries);
    }

    public int MaxConcurrentQueries { get; }

    /// <summary>Every query issued through the gate (histogram, count and window queries).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    public long HistogramQueries => Interlocked.Read(ref _histogramQueries);

    public long CountQueries => Interlocked.Read(ref _countQueries);

    /// <summary>The most queries that ran at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Wraps a source so its queries pass through this gate.</summary>
    public ILogSource Wrap(ILogSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source is GatedSource gated && gated.Gate == this ? source : new GatedSource(this, source);
    }

    public void Dispose() => _slots.Dispose();

    private async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _queries);
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }

        return new Slot(this);
    }

    private sealed class Slot(QueryGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref gate._inFlight);
                gate._slots.Release();
            }
        }
    }

    private sealed class GatedSource(QueryGate gate, ILogSource inner) : ILogSource
    {
        public QueryGate Gate => gate;

        public async Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
        {
            using var slot = await gate.EnterAsync(cancellationToken);
            Interlocked.Increment(ref gate._histogramQueries);
            return await inner.GetHistogramAsync(query, cancellationToken);
        }

        public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
        {
            using var slot = await gate.EnterAsync(cancellationToken);
            Interlocked.Increment(ref gate._countQueries);
            return await inner.CountAsync(query, cancellationToken);
        }

        public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var slot = await gate.EnterAsync(cancellationToken);
            await foreach (var batch in inner.QueryAsync(query, cancellationToken).WithCancellation(cancellationToken))
            {
                yield return batch;
            }
        }
    }
}
