using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Microsoft.Data.Sqlite;

namespace LogIngest.Local.State;

/// <summary>
/// The embedded state store: one SQLite file in WAL mode, its schema created on open. Writes from
/// this process queue on one lock (SQLite has one writer anyway) and run in IMMEDIATE transactions,
/// so a checkpoint's record and the coverage it changes commit together.
/// </summary>
public sealed partial class SqliteStateStore : IStateStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteStateStore(SqliteStateOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException("SqliteStateOptions.DatabasePath is empty: give the state database file.", nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Create;
            command.ExecuteNonQuery();
            foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
            {
                command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
                if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                    command.ExecuteNonQuery();
                }
            }
        }
        catch (SqliteException ex)
        {
            throw new LogIngestException(ErrorCodes.StateIo, $"Opening the state database '{path}' failed: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
    }

    public async Task<ControlDocument> CreateConfigAsync(LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        var document = new ControlDocument { Config = config, UpdatedAt = _time.GetUtcNow(), ETag = NewETag() };
        return await WriteAsync("create config " + config.Id, async (connection, transaction) =>
        {
            var inserted = await ExecuteAsync(connection, transaction, "INSERT INTO control (id, enabled, etag, doc) VALUES ($id, $enabled, $etag, $doc) ON CONFLICT (id) DO NOTHING", cancellationToken,
                ("$id", config.Id), ("$enabled", config.Enabled ? 1 : 0), ("$etag", document.ETag), ("$doc", Json(document))).ConfigureAwait(false);
            return inserted == 1
                ? document
                : throw new LogIngestException(ErrorCodes.Conflict, $"Config '{config.Id}' already exists: read it and update it, or choose another id.");
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ControlDocument> SaveConfigAsync(LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        return await WriteAsync("save config " + config.Id, async (connection, transaction) =>
        {
            var existing = await ReadControlAsync(connection, transaction, config.Id, cancellationToken).ConfigureAwait(false);
            var document = (existing ?? new ControlDocument { Config = config }) with { Config = config, UpdatedAt = _time.GetUtcNow(), ETag = NewETag() };
            await ExecuteAsync(connection, transaction, "INSERT INTO control (id, enabled, etag, doc) VALUES ($id, $enabled, $etag, $doc) ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, etag = excluded.etag, doc = excluded.doc", cancellationToken,
                ("$id", config.Id), ("$enabled", config.Enabled ? 1 : 0), ("$etag", document.ETag), ("$doc", Json(document))).ConfigureAwait(false);
            return document;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<ControlDocument?> GetConfigAsync(string configId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return ReadAsync("read config " + configId, connection => ReadControlAsync(connection, null, configId, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ControlDocument>> ListConfigsAsync(CancellationToken cancellationToken = default) =>
        ListControlAsync("SELECT doc, etag FROM control ORDER BY id", cancellationToken);

    public Task<IReadOnlyList<ControlDocument>> ListEnabledConfigsAsync(CancellationToken cancellationToken = default) =>
        ListControlAsync("SELECT doc, etag FROM control WHERE enabled = 1 ORDER BY id", cancellationToken);

    public async Task<ControlDocument> UpdateConfigAsync(ControlDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ConfigValidator.ThrowIfInvalid(document.Config);
        if (document.ETag is null)
        {
            throw new ArgumentException("The document has no ETag: read it from the store first, then update it.", nameof(document));
        }

        var updated = document with { UpdatedAt = _time.GetUtcNow(), ETag = NewETag() };
        return await WriteAsync("update config " + document.Id, async (connection, transaction) =>
        {
            var changed = await ExecuteAsync(connection, transaction, "UPDATE control SET enabled = $enabled, etag = $etag, doc = $doc WHERE id = $id AND etag = $ifMatch", cancellationToken,
                ("$id", document.Id), ("$enabled", document.Config.Enabled ? 1 : 0), ("$etag", updated.ETag), ("$doc", Json(updated)), ("$ifMatch", document.ETag)).ConfigureAwait(false);
            if (changed == 1)
            {
                return updated;
            }

            var current = await ReadControlAsync(connection, transaction, document.Id, cancellationToken).ConfigureAwait(false);
            throw current is null
                ? new LogIngestException(ErrorCodes.NotFound, $"Config '{document.Id}' does not exist: create it first.")
                : new LogIngestException(ErrorCodes.Conflict, $"Config '{document.Id}' was changed by another writer (ETag {document.ETag} is stale): read it again and re-apply the change.");
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteConfigAsync(string configId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return await WriteAsync("delete config " + configId, async (connection, transaction) =>
        {
            // One transaction: the config and its checkpoints go together.
            await ExecuteAsync(connection, transaction, "DELETE FROM checkpoints WHERE config_id = $id", cancellationToken, ("$id", configId)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "DELETE FROM coverage WHERE config_id = $id", cancellationToken, ("$id", configId)).ConfigureAwait(false);
            return await ExecuteAsync(connection, transaction, "DELETE FROM control WHERE id = $id", cancellationToken, ("$id", configId)).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ControlDocument>> ListControlAsync(string sql, CancellationToken cancellationToken) =>
        await ReadAsync<IReadOnlyList<ControlDocument>>("list configs", async connection =>
        {
            using var command = Command(connection, null, sql);
            var result = new List<ControlDocument>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(FromJson<ControlDocument>(reader.GetString(0)) with { ETag = reader.GetString(1) });
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);

    public Task<string?> GetStoreSettingAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ReadAsync("read setting " + key, async connection =>
        {
            using var command = Command(connection, null, "SELECT value FROM settings WHERE key = $k", ("$k", key));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken);
    }

    public Task SetStoreSettingAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        return WriteAsync("write setting " + key, (connection, transaction) =>
            ExecuteAsync(connection, transaction, "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", cancellationToken,
                ("$k", key), ("$v", value)), cancellationToken);
    }

    private static async Task<ControlDocument?> ReadControlAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT doc, etag FROM control WHERE id = $id", ("$id", id));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? FromJson<ControlDocument>(reader.GetString(0)) with { ETag = reader.GetString(1) }
            : null;
    }

    private async Task<T> WriteAsync<T>(string what, Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Per connection: in WAL mode NORMAL syncs at checkpoints, not at every commit, and a commit stays atomic.
            using (var pragma = Command(connection, null, "PRAGMA synchronous = NORMAL"))
            {
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (SqliteException ex)
        {
            throw new LogIngestException(ErrorCodes.StateIo, $"State store: {what} failed: {ex.Message}", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<T> ReadAsync<T>(string what, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new LogIngestException(ErrorCodes.StateIo, $"State store: {what} failed: {ex.Message}", ex);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StateJson.Options);

    private static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, StateJson.Options)
        ?? throw new LogIngestException(ErrorCodes.StateIo, $"State store holds a null {typeof(T).Name} document.");

    private static string NewETag() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
}
