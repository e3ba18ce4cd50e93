using System.Net;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

/// <summary>
/// App-wide query slots as <see cref="QuerySlotItem"/> documents in <c>control</c>, each its own
/// partition: an acquisition point-reads every slot, then claims a free or expired one with
/// create-if-absent (409 when another host created it first) or If-Match on the ETag it read (412
/// when another host wrote it first). Renewals and releases are If-Match too, and re-read on 412 to
/// tell "our own retried write landed" from "taken over". Stale reads only cost a lost race, never a
/// second holder: every claim is checked by the server against the current version.
/// </summary>
public sealed partial class CosmosStateStore : IQuerySlotStore
{
    public async Task<QuerySlotLease?> TryAcquireAsync(QuerySlotClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentOutOfRangeException.ThrowIfLessThan(claim.SlotCount, 1);
        ArgumentException.ThrowIfNullOrEmpty(claim.Holder);
        await ReadyAsync().ConfigureAwait(false);
        var slots = await Task.WhenAll(Enumerable.Range(0, claim.SlotCount).Select(slot => ReadSlotAsync(slot, cancellationToken))).ConfigureAwait(false);

        // Free slots first, from a random start so hosts that read together try different ones; then
        // expired leases, the longest expired first.
        var start = Random.Shared.Next(claim.SlotCount);
        var order = Enumerable.Range(0, claim.SlotCount).Select(k => (start + k) % claim.SlotCount).ToList();
        var free = order.Where(s => slots[s]?.Item.Holder is null);
        var expired = order.Where(s => slots[s] is { Item: { Holder: not null } item } && item.ExpiresAt <= claim.Now).OrderBy(s => slots[s]!.Value.Item.ExpiresAt);
        foreach (var slot in free.Concat(expired).ToList())
        {
            if (await TryClaimAsync(slot, slots[slot], claim, cancellationToken).ConfigureAwait(false) is { } lease)
            {
                return lease;
            }
        }

        return null;
    }

    public async Task<QuerySlotLease?> RenewAsync(QuerySlotLease lease, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await ReadyAsync().ConfigureAwait(false);
        var item = new QuerySlotItem { Id = QuerySlotItem.IdOf(lease.Slot), Slot = lease.Slot, Holder = lease.Holder, Owner = lease.Owner, ExpiresAt = expiresAt };
        var etag = await WriteIfStillHeldAsync(lease, item, "renew query slot " + lease.Slot, cancellationToken).ConfigureAwait(false);
        return etag is null ? null : lease with { ExpiresAt = expiresAt, Version = etag, TookOverFrom = null, TookOverExpiredAt = null };
    }

    public async Task<bool> ReleaseAsync(QuerySlotLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await ReadyAsync().ConfigureAwait(false);
        var item = new QuerySlotItem { Id = QuerySlotItem.IdOf(lease.Slot), Slot = lease.Slot };
        return await WriteIfStillHeldAsync(lease, item, "release query slot " + lease.Slot, cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task<(QuerySlotItem Item, string ETag)?> ReadSlotAsync(int slot, CancellationToken cancellationToken)
    {
        var id = QuerySlotItem.IdOf(slot);
        return await PointReadAsync<QuerySlotItem>(_control, id, id, "read query slot " + slot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims one slot read as <paramref name="current"/> (null: no document yet); null when another host got it first.</summary>
    private async Task<QuerySlotLease?> TryClaimAsync(int slot, (QuerySlotItem Item, string ETag)? current, QuerySlotClaim claim, CancellationToken cancellationToken)
    {
        var item = new QuerySlotItem { Id = QuerySlotItem.IdOf(slot), Slot = slot, Holder = claim.Holder, Owner = claim.Owner, ExpiresAt = claim.ExpiresAt };
        var previous = current?.Item.Holder is null ? null : current.Value.Item;
        var attempt = 0;
        string etag;
        try
        {
            var response = await RetryAsync("lease query slot " + slot, ct =>
            {
                attempt++;
                return current is null
                    ? _control.CreateItemAsync(item, new PartitionKey(item.Id), cancellationToken: ct)
                    : _control.ReplaceItemAsync(item, item.Id, new PartitionKey(item.Id), new ItemRequestOptions { IfMatchEtag = current.Value.ETag }, ct);
            }, cancellationToken).ConfigureAwait(false);
            etag = response.ETag;
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            // Another host was faster, unless this is a retry whose first try landed with its answer lost.
            var now = attempt > 1 ? await ReadSlotAsync(slot, cancellationToken).ConfigureAwait(false) : null;
            if (now?.Item.Holder != claim.Holder)
            {
                return null;
            }

            etag = now.Value.ETag;
        }

        return new QuerySlotLease
        {
            Slot = slot,
            Holder = claim.Holder,
            Owner = claim.Owner,
            ExpiresAt = claim.ExpiresAt,
            Version = etag,
            TookOverFrom = previous is null ? null : previous.Owner ?? "(unknown)",
            TookOverExpiredAt = previous?.ExpiresAt,
        };
    }

    /// <summary>
    /// Replaces the slot's document with <paramref name="item"/> if the lease's holder still holds it;
    /// the new ETag, or null when another holder has it (or it is gone).
    /// </summary>
    private async Task<string?> WriteIfStillHeldAsync(QuerySlotLease lease, QuerySlotItem item, string what, CancellationToken cancellationToken)
    {
        var etag = lease.Version;
        for (var attempt = 1; ; attempt++)
        {
            if (etag is null)
            {
                var current = await ReadSlotAsync(lease.Slot, cancellationToken).ConfigureAwait(false);
                if (current?.Item.Holder != lease.Holder)
                {
                    return null;
                }

                etag = current.Value.ETag;
            }

            try
            {
                var response = await RetryAsync(what, ct => _control.ReplaceItemAsync(item, item.Id, new PartitionKey(item.Id), new ItemRequestOptions { IfMatchEtag = etag }, ct), cancellationToken).ConfigureAwait(false);
                return response.ETag;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            {
                // Written since our last write: by our own retried write (read again and repeat), or by a new holder.
                if (attempt >= _options.MaxConcurrencyRetries)
                {
                    throw new LogIngestException(ErrorCodes.StateIo, $"Cosmos: {what} lost the ETag race {attempt} times; try again later.", ex);
                }

                etag = null;
            }
        }
    }
}
