using LogIngest.Core.State;

namespace LogIngest.Local.State;

public sealed partial class SqliteStateStore
{
    public async Task<FlattenSchema> GetFlattenSchemaAsync(string configId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return await ReadAsync("read the flatten schema of " + configId, connection => ReadFlattenSchemaAsync(connection, null, configId, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task<FlattenSchema> AddFlattenKeysAsync(string configId, IReadOnlyCollection<(string Column, string Key)> keys, string runId, long windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        ArgumentNullException.ThrowIfNull(keys);
        return await WriteAsync("add flatten keys of " + configId, async (connection, transaction) =>
        {
            // Read and write in one write transaction: concurrent writers are serialised by SQLite.
            var current = await ReadFlattenSchemaAsync(connection, transaction, configId, cancellationToken).ConfigureAwait(false);
            var next = current.With(keys, runId, windowStart, _time.GetUtcNow());
            if (!ReferenceEquals(next, current))
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO flatten_schemas (config_id, doc) VALUES ($c, $doc) ON CONFLICT (config_id) DO UPDATE SET doc = excluded.doc", cancellationToken,
                    ("$c", configId), ("$doc", Json(next))).ConfigureAwait(false);
            }

            return next;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<FlattenSchema> ReadFlattenSchemaAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string configId, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT doc FROM flatten_schemas WHERE config_id = $c", ("$c", configId));
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? FlattenSchema.Empty(configId) : FromJson<FlattenSchema>(json);
    }
}
