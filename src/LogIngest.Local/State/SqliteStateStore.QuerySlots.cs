using LogIngest.Core.Ports;

namespace LogIngest.Local.State;

/// <summary>
/// App-wide query slots in table <c>query_slots</c> (one row per slot that was ever leased; a missing
/// row is a free slot). Each change runs in the store's IMMEDIATE write transaction, which SQLite
/// serialises across every process on the file, so the read of the slots and the write that claims
/// one are a single compare-and-swap. Renewals and releases are conditional on the lease's holder.
/// </summary>
public sealed partial class SqliteStateStore : IQuerySlotStore
{
    public async Task<QuerySlotLease?> TryAcquireAsync(QuerySlotClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentOutOfRangeException.ThrowIfLessThan(claim.SlotCount, 1);
        ArgumentException.ThrowIfNullOrEmpty(claim.Holder);
        var now = claim.Now.UtcTicks;
        return await WriteAsync("lease a query slot", async (connection, transaction) =>
        {
            var slots = new Dictionary<long, (string? Owner, long Expires)>();
            using (var read = Command(connection, transaction, "SELECT slot, owner, expires_ticks FROM query_slots WHERE slot < $n AND holder IS NOT NULL", ("$n", claim.SlotCount)))
            using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    slots[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
                }
            }

            // A free slot first; else the one whose lease expired longest ago.
            var free = Enumerable.Range(0, claim.SlotCount).Where(s => !slots.ContainsKey(s)).Select(s => (int?)s).FirstOrDefault();
            var expired = slots.Where(s => s.Value.Expires <= now).OrderBy(s => s.Value.Expires).Select(s => (int?)s.Key).FirstOrDefault();
            if ((free ?? expired) is not { } slot)
            {
                return null;
            }

            var version = NewETag();
            await ExecuteAsync(connection, transaction,
                "INSERT INTO query_slots (slot, holder, owner, expires_ticks, etag) VALUES ($s, $h, $o, $e, $v) "
                + "ON CONFLICT (slot) DO UPDATE SET holder = excluded.holder, owner = excluded.owner, expires_ticks = excluded.expires_ticks, etag = excluded.etag",
                cancellationToken, ("$s", slot), ("$h", claim.Holder), ("$o", claim.Owner), ("$e", claim.ExpiresAt.UtcTicks), ("$v", version)).ConfigureAwait(false);
            var previous = free is null ? slots[slot] : default;
            return new QuerySlotLease
            {
                Slot = slot,
                Holder = claim.Holder,
                Owner = claim.Owner,
                ExpiresAt = claim.ExpiresAt,
                Version = version,
                TookOverFrom = free is null ? previous.Owner ?? "(unknown)" : null,
                TookOverExpiredAt = free is null ? new DateTimeOffset(previous.Expires, TimeSpan.Zero) : null,
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QuerySlotLease?> RenewAsync(QuerySlotLease lease, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var version = NewETag();
        return await WriteAsync("renew query slot " + lease.Slot, async (connection, transaction) =>
        {
            var changed = await ExecuteAsync(connection, transaction,
                "UPDATE query_slots SET expires_ticks = $e, etag = $v WHERE slot = $s AND holder = $h",
                cancellationToken, ("$s", lease.Slot), ("$h", lease.Holder), ("$e", expiresAt.UtcTicks), ("$v", version)).ConfigureAwait(false);
            return changed == 1 ? lease with { ExpiresAt = expiresAt, Version = version, TookOverFrom = null, TookOverExpiredAt = null } : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ReleaseAsync(QuerySlotLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return await WriteAsync("release query slot " + lease.Slot, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction,
                "UPDATE query_slots SET holder = NULL, owner = NULL, expires_ticks = 0, etag = $v WHERE slot = $s AND holder = $h",
                cancellationToken, ("$s", lease.Slot), ("$h", lease.Holder), ("$v", NewETag())).ConfigureAwait(false) == 1,
            cancellationToken).ConfigureAwait(false);
    }
}
