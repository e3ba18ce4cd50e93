using System.Diagnostics.CodeAnalysis;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Sources;

/// <summary>
/// One leased app-wide query slot while its query runs: renews the lease every
/// <see cref="QuerySlotOptions.RenewInterval"/> in the background and releases it on dispose. When
/// the lease cannot be kept (another host took the slot over, or no renewal succeeded before the
/// lease expired) <see cref="Lost"/> is cancelled: the query must stop, since another host may now
/// run a query in this slot.
/// </summary>
internal sealed class HeldQuerySlot : IAsyncDisposable
{
    private readonly IQuerySlotStore _store;
    private readonly QuerySlotOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private QuerySlotLease _lease;
    private Task _renewal = Task.CompletedTask;
    private string? _lostReason;
    private int _disposed;

    private HeldQuerySlot(IQuerySlotStore store, QuerySlotLease lease, QuerySlotOptions options, ILogger logger, TimeProvider clock)
    {
        _store = store;
        _lease = lease;
        _options = options;
        _logger = logger;
        _clock = clock;
    }

    public QuerySlotLease Lease => Volatile.Read(ref _lease);

    /// <summary>Cancelled when the lease is lost; the query must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    public static HeldQuerySlot Start(IQuerySlotStore store, QuerySlotLease lease, QuerySlotOptions options, ILogger logger, TimeProvider clock)
    {
        var held = new HeldQuerySlot(store, lease, options, logger, clock);
        held._renewal = held.RenewAsync();
        return held;
    }

    /// <summary>The error a query cancelled by a lost lease fails with: T103, retryable.</summary>
    public LogIngestException LostError(Exception inner) => new(ErrorCodes.Unavailable,
        $"The query lost app-wide query slot {Lease.Slot} ({_lostReason}) and was cancelled, so the app stays within {_options.MaxConcurrentQueries} queries at once; retry.", inner);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);

        // Conditional on the holder, so a release after a takeover leaves the new holder's slot alone.
        // Bounded by one lease, past which the slot is free anyway; a lost lease gets one short try.
        var lease = Lease;
        using var deadline = new CancellationTokenSource(_lost.IsCancellationRequested ? _options.RenewInterval : _options.LeaseDuration, _clock);
        try
        {
            await _store.ReleaseAsync(lease, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LogIngestException or OperationCanceledException)
        {
            QuerySlotLogs.ReleaseFailed(_logger, lease.Slot, ex.Message, lease.ExpiresAt);
        }

        _lost.Dispose();
        _stop.Dispose();
    }

    [SuppressMessage("Design", "CA1031", Justification = "The renewal loop must outlive any one failed renewal: if it died, a running query would keep a lease that expires.")]
    private async Task RenewAsync()
    {
        var wait = _options.RenewInterval;
        while (true)
        {
            try
            {
                await Task.Delay(wait, _clock, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var lease = Lease;
            var left = lease.ExpiresAt - _clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                Lose("no renewal succeeded before its lease expired");
                return;
            }

            // A renewal that cannot finish before the lease expires is of no use.
            using var expiry = new CancellationTokenSource(left, _clock);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, expiry.Token);
            try
            {
                var renewed = await _store.RenewAsync(lease, _clock.GetUtcNow() + _options.LeaseDuration, attempt.Token).ConfigureAwait(false);
                if (renewed is null)
                {
                    Lose("another host took it over after its lease expired");
                    return;
                }

                Volatile.Write(ref _lease, renewed);
                wait = _options.RenewInterval;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                left = lease.ExpiresAt - _clock.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    Lose($"no renewal succeeded before its lease expired (the last one: {ex.Message})");
                    return;
                }

                // Try again well before the lease runs out.
                QuerySlotLogs.RenewalFailed(_logger, lease.Slot, ex.Message, lease.ExpiresAt);
                var retry = left / 3;
                wait = retry < _options.MinPollDelay ? _options.MinPollDelay : retry < _options.RenewInterval ? retry : _options.RenewInterval;
            }
        }
    }

    private void Lose(string reason)
    {
        _lostReason = reason;
        QuerySlotLogs.LeaseLost(_logger, Lease.Slot, reason);
        _lost.Cancel();
    }
}
