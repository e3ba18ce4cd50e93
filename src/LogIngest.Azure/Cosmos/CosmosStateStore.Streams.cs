using LogIngest.Core.State;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

public sealed partial class CosmosStateStore
{
    public async Task SetStreamWatermarkAsync(StreamWatermark watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        ArgumentException.ThrowIfNullOrEmpty(watermark.Hub);
        ArgumentException.ThrowIfNullOrEmpty(watermark.PartitionId);
        await ReadyAsync().ConfigureAwait(false);
        var stored = watermark with { UpdatedAt = _time.GetUtcNow() };
        await UpdateSharedAsync<StreamItem>(_streams, ItemId(watermark.PartitionId), watermark.Hub, $"set stream watermark {watermark.Hub}/{watermark.PartitionId}", current =>
            current is not null && current.Watermark.SequenceNumber > watermark.SequenceNumber
                ? null
                : new StreamItem { Id = ItemId(watermark.PartitionId), Hub = watermark.Hub, Watermark = stored }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StreamWatermark?> GetStreamWatermarkAsync(string hub, string partitionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        ArgumentException.ThrowIfNullOrEmpty(partitionId);
        await ReadyAsync().ConfigureAwait(false);
        var found = await PointReadAsync<StreamItem>(_streams, ItemId(partitionId), hub, $"read stream watermark {hub}/{partitionId}", cancellationToken).ConfigureAwait(false);
        return found?.Item.Watermark;
    }

    public async Task<IReadOnlyList<StreamWatermark>> ListStreamWatermarksAsync(string hub, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        await ReadyAsync().ConfigureAwait(false);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.hub = @hub").WithParameter("@hub", hub);
        var items = await QueryPartitionAsync<StreamItem>(_streams, query, hub, "list stream watermarks of " + hub, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(i => i.Watermark).OrderBy(w => w.PartitionId, StringComparer.Ordinal)];
    }
}
