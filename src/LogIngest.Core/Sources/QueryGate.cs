using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Sources;

/// <summary>
/// Caps concurrent queries against Log Analytics and counts them. The service runs at most five
/// queries at once per identity and queues (then 429s) the rest, and every range of every run, in
/// every instance of the app, shares one identity. So a query first passes this process's own cap
/// (one gate wraps every source the host hands out), then, when the host's state store keeps
/// app-wide query slots, leases one of those (see docs/query-slots.md). A streamed query holds both
/// until its stream ends. A query whose slot lease is lost is cancelled and fails with T103.
/// </summary>
public sealed class QueryGate : IDisposable
{
    /// <summary>The service's concurrent-query limit per user (5; further queries queue, then get 429).</summary>
    public const int DefaultMaxConcurrentQueries = 5;

    private readonly SemaphoreSlim _slots;
    private readonly SharedQuerySlots? _shared;
    private long _queries;
    private long _histogramQueries;
    private long _countQueries;
    private int _inFlight;
    private int _peakInFlight;

    /// <param name="maxConcurrentQueries">This process's cap.</param>
    /// <param name="sharedSlots">The app-wide slots each query also leases; null for the process cap only.</param>
    /// <param name="slotOptions">Their cap, lease and polling; default <see cref="QuerySlotOptions"/>.</param>
    /// <param name="logger">Logs waits, takeovers and lease trouble of the shared slots.</param>
    /// <param name="clock">The wall clock of the leases; default the system's.</param>
    public QueryGate(
        int maxConcurrentQueries = DefaultMaxConcurrentQueries,
        IQuerySlotStore? sharedSlots = null,
        QuerySlotOptions? slotOptions = null,
        ILogger? logger = null,
        TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentQueries, 1);
        slotOptions ??= new QuerySlotOptions();
        slotOptions.Validate();
        MaxConcurrentQueries = maxConcurrentQueries;
        _slots = new SemaphoreSlim(maxConcurrentQueries, maxConcurrentQueries);
        _shared = sharedSlots is null ? null : new SharedQuerySlots(sharedSlots, slotOptions, logger, clock);
    }

    /// <summary>This process's cap.</summary>
    public int MaxConcurrentQueries { get; }

    /// <summary>The app-wide cap every query also passes, or null when the gate caps this process only.</summary>
    public int? AppWideMaxConcurrentQueries => _shared?.Options.MaxConcurrentQueries;

    /// <summary>Every query issued through the gate (histogram, count and window queries).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    public long HistogramQueries => Interlocked.Read(ref _histogramQueries);

    public long CountQueries => Interlocked.Read(ref _countQueries);

    /// <summary>The most queries that ran at once in this process.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Wraps a source so its queries pass through this gate.</summary>
    public ILogSource Wrap(ILogSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source is GatedSource gated && gated.Gate == this ? source : new GatedSource(this, source);
    }

    public void Dispose()
    {
        _slots.Dispose();
        _shared?.Dispose();
    }

    private async Task<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        // A stoppable activity whose first query is still waiting here has not started: a stop refuses it.
        var stop = ActivityStop.Current is { Started: false } pending ? pending : null;
        using var waiting = stop is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        var wait = waiting?.Token ?? cancellationToken;
        try
        {
            await _slots.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (stop is not null && stop.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw NotStarted(ex);
        }

        HeldQuerySlot? held = null;
        try
        {
            if (_shared is not null)
            {
                held = await _shared.AcquireAsync(wait).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (stop is not null && stop.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _slots.Release();
            throw NotStarted(ex);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        stop?.MarkStarted();

        Interlocked.Increment(ref _queries);
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
        {
        }

        return new Slot(this, held, cancellationToken);
    }

    private static Observability.LogIngestException NotStarted(Exception inner) =>
        new(Observability.ErrorCodes.Stopped, "The run was asked to stop while this window waited for its first query slot; it did not start.", inner);

    /// <summary>One query's place: the process permit, the app-wide lease if any, and the token the query runs under.</summary>
    private sealed class Slot : IAsyncDisposable
    {
        private readonly QueryGate _gate;
        private readonly HeldQuerySlot? _held;
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource? _linked;
        private int _released;

        public Slot(QueryGate gate, HeldQuerySlot? held, CancellationToken caller)
        {
            _gate = gate;
            _held = held;
            _caller = caller;
            _linked = held is null ? null : CancellationTokenSource.CreateLinkedTokenSource(caller, held.Lost);
            Token = _linked?.Token ?? caller;
        }

        /// <summary>The caller's token, also cancelled when the app-wide lease is lost.</summary>
        public CancellationToken Token { get; }

        /// <summary>Whether a cancellation of the query is this slot's doing (its lease was lost), not the caller's.</summary>
        public bool LeaseLost => _held is not null && _held.Lost.IsCancellationRequested && !_caller.IsCancellationRequested;

        public Observability.LogIngestException LostError(Exception inner) => _held!.LostError(inner);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            _linked?.Dispose();
            if (_held is not null)
            {
                await _held.DisposeAsync().ConfigureAwait(false);
            }

            Interlocked.Decrement(ref _gate._inFlight);
            _gate._slots.Release();
        }
    }

    private sealed class GatedSource(QueryGate gate, ILogSource inner) : ILogSource
    {
        public QueryGate Gate => gate;

        public async Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
        {
            var slot = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using (slot.ConfigureAwait(false))
            {
                Interlocked.Increment(ref gate._histogramQueries);
                try
                {
                    return await inner.GetHistogramAsync(query, slot.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (slot.LeaseLost)
                {
                    throw slot.LostError(ex);
                }
            }
        }

        public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
        {
            var slot = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using (slot.ConfigureAwait(false))
            {
                Interlocked.Increment(ref gate._countQueries);
                try
                {
                    return await inner.CountAsync(query, slot.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (slot.LeaseLost)
                {
                    throw slot.LostError(ex);
                }
            }
        }

        public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var slot = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using (slot.ConfigureAwait(false))
            {
                var batches = inner.QueryAsync(query, slot.Token).GetAsyncEnumerator(slot.Token);
                await using (batches.ConfigureAwait(false))
                {
                    while (true)
                    {
                        try
                        {
                            if (!await batches.MoveNextAsync().ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        catch (OperationCanceledException ex) when (slot.LeaseLost)
                        {
                            throw slot.LostError(ex);
                        }

                        yield return batches.Current;
                    }
                }
            }
        }
    }
}
