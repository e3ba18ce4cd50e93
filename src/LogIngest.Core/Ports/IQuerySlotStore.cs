namespace LogIngest.Core.Ports;

/// <summary>
/// The app-wide query slots: a fixed number of slot records in the shared state store, each free or
/// leased to one query until an expiry. Every change is a conditional write (compare-and-swap on the
/// record's version), so two hosts never hold one slot, and a holder that stops renewing loses its
/// slot when the lease expires. The store only records; waiting, renewing and the clock belong to the
/// caller (<see cref="Sources.SharedQuerySlots"/>). Failures surface as
/// <see cref="Observability.LogIngestException"/> S502.
/// </summary>
public interface IQuerySlotStore
{
    /// <summary>
    /// Leases one of slots <c>0 .. SlotCount-1</c> that is free or whose lease expired at or before
    /// <see cref="QuerySlotClaim.Now"/>; null when every one of them is held.
    /// </summary>
    Task<QuerySlotLease?> TryAcquireAsync(QuerySlotClaim claim, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the lease's expiry to <paramref name="expiresAt"/> if its holder still holds the slot and
    /// answers the renewed lease; null when another holder took the slot over (nothing changed).
    /// </summary>
    Task<QuerySlotLease?> RenewAsync(QuerySlotLease lease, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Frees the slot if the lease's holder still holds it; false (and nothing changed) when another holder took it over.</summary>
    Task<bool> ReleaseAsync(QuerySlotLease lease, CancellationToken cancellationToken = default);
}
