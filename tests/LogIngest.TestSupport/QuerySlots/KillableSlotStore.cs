using LogIngest.Core.Ports;

namespace LogIngest.TestSupport.QuerySlots;

/// <summary>
/// One host's way to the shared slot store, which the test can cut as a killed process is cut: after
/// <see cref="Kill"/> no call reaches the store any more (each waits until its caller gives up), so
/// the host neither renews nor releases. Remembers, per slot, the latest expiry the store granted this host.
/// </summary>
public sealed class KillableSlotStore(IQuerySlotStore inner) : IQuerySlotStore, IDisposable
{
    private readonly CancellationTokenSource _killed = new();
    private readonly Dictionary<int, DateTimeOffset> _expiries = [];

    /// <summary>
    /// Of the slots this host was granted, the soonest that any of them may be taken over: the earliest
    /// of their latest expiries (acquired or renewed).
    /// </summary>
    public DateTimeOffset EarliestExpiry
    {
        get
        {
            lock (_expiries)
            {
                return _expiries.Values.Min();
            }
        }
    }

    public void Kill() => _killed.Cancel();

    public async Task<QuerySlotLease?> TryAcquireAsync(QuerySlotClaim claim, CancellationToken cancellationToken = default)
    {
        await ReachAsync(cancellationToken);
        return Granted(await inner.TryAcquireAsync(claim, cancellationToken));
    }

    public async Task<QuerySlotLease?> RenewAsync(QuerySlotLease lease, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await ReachAsync(cancellationToken);
        return Granted(await inner.RenewAsync(lease, expiresAt, cancellationToken));
    }

    public async Task<bool> ReleaseAsync(QuerySlotLease lease, CancellationToken cancellationToken = default)
    {
        await ReachAsync(cancellationToken);
        return await inner.ReleaseAsync(lease, cancellationToken);
    }

    public void Dispose() => _killed.Dispose();

    /// <summary>Returns at once while the host is alive; once killed, waits until <paramref name="cancellationToken"/> ends the call.</summary>
    private async Task ReachAsync(CancellationToken cancellationToken)
    {
        if (_killed.IsCancellationRequested)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private QuerySlotLease? Granted(QuerySlotLease? lease)
    {
        if (lease is not null)
        {
            lock (_expiries)
            {
                _expiries[lease.Slot] = _expiries.TryGetValue(lease.Slot, out var seen) && seen > lease.ExpiresAt ? seen : lease.ExpiresAt;
            }
        }

        return lease;
    }
}
