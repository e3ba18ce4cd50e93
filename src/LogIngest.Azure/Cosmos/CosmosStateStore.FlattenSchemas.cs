using LogIngest.Core.State;

namespace LogIngest.Azure.Cosmos;

public sealed partial class CosmosStateStore
{
    // One document per config beside its checkpoints (same partition): point reads and ETag-guarded replaces only.
    private const string FlattenSchemaId = "flatten-schema";

    public async Task<FlattenSchema> GetFlattenSchemaAsync(string configId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        await ReadyAsync().ConfigureAwait(false);
        var found = await PointReadAsync<CheckpointItem>(_checkpoints, FlattenSchemaId, configId, "read the flatten schema of " + configId, cancellationToken).ConfigureAwait(false);
        return found?.Item.FlattenSchema ?? FlattenSchema.Empty(configId);
    }

    public async Task<FlattenSchema> AddFlattenKeysAsync(string configId, IReadOnlyCollection<(string Column, string Key)> keys, string runId, long windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        ArgumentNullException.ThrowIfNull(keys);
        await ReadyAsync().ConfigureAwait(false);
        var stored = await UpdateSharedAsync<CheckpointItem>(
            _checkpoints,
            FlattenSchemaId,
            configId,
            "add flatten keys of " + configId,
            current =>
            {
                // A lost ETag race reads again and re-applies, so a key another window added meanwhile is kept.
                var schema = current?.FlattenSchema ?? FlattenSchema.Empty(configId);
                var next = schema.With(keys, runId, windowStart, _time.GetUtcNow());
                return ReferenceEquals(next, schema) && current is not null
                    ? null
                    : new CheckpointItem { Id = FlattenSchemaId, ConfigId = configId, Kind = CheckpointItem.FlattenSchemaKind, FlattenSchema = next };
            },
            cancellationToken).ConfigureAwait(false);
        return stored.FlattenSchema!;
    }
}
