using System.Net;
using System.Text.Json;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

/// <summary>
/// Run state in Cosmos DB (SQL API, gateway mode): containers <c>control</c> (/id), <c>checkpoints</c>
/// (/configId), <c>audit</c> (/runId) and <c>streams</c> (/hub). It uses only point operations,
/// single-partition parameterised queries and ETag conditions, so it needs no query plan and no
/// cross-partition work. 429s are retried by the SDK; timeouts, 503s and broken connections by this
/// store (every write is idempotent); what still fails surfaces as S502.
/// </summary>
public sealed partial class CosmosStateStore : IStateStore, IDisposable
{
    private readonly CosmosClient _client;
    private readonly bool _ownsClient;
    private readonly CosmosStateOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _readyGate = new();
    private Task? _ready;
    private Container _control = null!;
    private Container _checkpoints = null!;
    private Container _audit = null!;
    private Container _streams = null!;

    /// <summary>Creates the store with its own <see cref="CosmosClient"/> (gateway mode, System.Text.Json).</summary>
    public CosmosStateStore(CosmosStateOptions options, TimeProvider? timeProvider = null)
        : this(CreateClient(options), options, timeProvider, ownsClient: true)
    {
    }

    /// <summary>Uses a client made elsewhere; it must be configured with <see cref="CreateClientOptions"/>.</summary>
    public CosmosStateStore(CosmosClient client, CosmosStateOptions options, TimeProvider? timeProvider = null)
        : this(client, options, timeProvider, ownsClient: false)
    {
    }

    private CosmosStateStore(CosmosClient client, CosmosStateOptions options, TimeProvider? timeProvider, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The client settings this store relies on: gateway mode, System.Text.Json, the 429 retry budget.</summary>
    public static CosmosClientOptions CreateClientOptions(CosmosStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            Serializer = new CosmosJsonSerializer(),
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnRateLimitedRequests,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitTimeOnRateLimitedRequests,
            RequestTimeout = options.RequestTimeout,
            HttpClientFactory = options.HttpClientFactory,
            LimitToEndpoint = true,
            EnableContentResponseOnWrite = true,
        };
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    public async Task<ControlDocument> CreateConfigAsync(LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        await ReadyAsync().ConfigureAwait(false);
        await RegisterConfigAsync(config.Id, cancellationToken).ConfigureAwait(false);
        var item = ControlItem.From(new ControlDocument { Config = config, UpdatedAt = _time.GetUtcNow() });
        var attempt = 0;
        try
        {
            var response = await RetryAsync("create config " + config.Id, ct =>
            {
                attempt++;
                return _control.CreateItemAsync(item, new PartitionKey(item.Id), cancellationToken: ct);
            }, cancellationToken).ConfigureAwait(false);
            return response.Resource.ToDocument(response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // A retried create whose first try did land finds its own document: that is success.
            var current = await ReadControlAsync(config.Id, cancellationToken).ConfigureAwait(false);
            if (attempt > 1 && current is not null && SameJson(current.Value.Item, item))
            {
                return current.Value.Item.ToDocument(current.Value.ETag);
            }

            throw new LogIngestException(ErrorCodes.Conflict, $"Config '{config.Id}' already exists: read it and update it, or choose another id.", ex);
        }
    }

    public async Task<ControlDocument> SaveConfigAsync(LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await GetConfigAsync(config.Id, cancellationToken).ConfigureAwait(false);
            try
            {
                return existing is null
                    ? await CreateConfigAsync(config, cancellationToken).ConfigureAwait(false)
                    : await UpdateConfigAsync(existing with { Config = config }, cancellationToken).ConfigureAwait(false);
            }
            catch (LogIngestException ex) when (ex.Code is ErrorCodes.Conflict or ErrorCodes.NotFound && attempt < _options.MaxConcurrencyRetries)
            {
                // Another writer got in between the read and the write: read again.
            }
        }
    }

    public async Task<ControlDocument?> GetConfigAsync(string configId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        var found = await ReadControlAsync(configId, cancellationToken).ConfigureAwait(false);
        return found?.Item.ToDocument(found.Value.ETag);
    }

    public async Task<IReadOnlyList<ControlDocument>> ListConfigsAsync(CancellationToken cancellationToken = default)
    {
        await ReadyAsync().ConfigureAwait(false);
        var registry = await PointReadAsync<ConfigRegistryItem>(_control, ConfigRegistryItem.ItemId, ConfigRegistryItem.ItemId, "read config list", cancellationToken).ConfigureAwait(false);
        var ids = registry?.Item.ConfigIds ?? [];

        // Point reads, a few at a time; an id registered by a create that then failed has no document and is skipped.
        var documents = new List<ControlDocument>();
        foreach (var chunk in ids.Order(StringComparer.Ordinal).Chunk(16))
        {
            var reads = await Task.WhenAll(chunk.Select(id => GetConfigAsync(id, cancellationToken))).ConfigureAwait(false);
            documents.AddRange(reads.OfType<ControlDocument>());
        }

        return documents;
    }

    public async Task<string?> GetStoreSettingAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await ReadyAsync().ConfigureAwait(false);
        var id = StoreSettingItem.IdPrefix + key;
        var found = await PointReadAsync<StoreSettingItem>(_control, id, id, "read setting " + key, cancellationToken).ConfigureAwait(false);
        return found?.Item.Value;
    }

    public async Task SetStoreSettingAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        await ReadyAsync().ConfigureAwait(false);
        var item = new StoreSettingItem { Id = StoreSettingItem.IdPrefix + key, Value = value };
        await RetryAsync("write setting " + key, ct => _control.UpsertItemAsync(item, new PartitionKey(item.Id), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ControlDocument>> ListEnabledConfigsAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListConfigsAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.Config.Enabled)];

    public async Task<ControlDocument> UpdateConfigAsync(ControlDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ConfigValidator.ThrowIfInvalid(document.Config);
        if (document.ETag is null)
        {
            throw new ArgumentException("The document has no ETag: read it from the store first, then update it.", nameof(document));
        }

        await ReadyAsync().ConfigureAwait(false);
        var item = ControlItem.From(document with { UpdatedAt = _time.GetUtcNow() });
        var attempt = 0;
        try
        {
            var response = await RetryAsync("update config " + document.Id, ct =>
            {
                attempt++;
                return _control.ReplaceItemAsync(item, item.Id, new PartitionKey(item.Id), new ItemRequestOptions { IfMatchEtag = document.ETag }, ct);
            }, cancellationToken).ConfigureAwait(false);
            return response.Resource.ToDocument(response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new LogIngestException(ErrorCodes.NotFound, $"Config '{document.Id}' does not exist: create it first.", ex);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            var current = await ReadControlAsync(document.Id, cancellationToken).ConfigureAwait(false);
            if (attempt > 1 && current is not null && SameJson(current.Value.Item, item))
            {
                // Our first try landed but its answer was lost; the retry then met our own new ETag.
                return current.Value.Item.ToDocument(current.Value.ETag);
            }

            throw new LogIngestException(ErrorCodes.Conflict, $"Config '{document.Id}' was changed by another writer (ETag {document.ETag} is stale): read it again and re-apply the change.", ex);
        }
    }

    public async Task<bool> DeleteConfigAsync(string configId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        if (await ReadControlAsync(configId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        // Checkpoints first (windows, then coverage), the document last: an interrupted delete leaves a
        // config that reloads its range, never checkpoints that a new config of this id would inherit.
        var query = new QueryDefinition("SELECT c.id, c.kind FROM c WHERE c.configId = @configId").WithParameter("@configId", configId);
        var items = await QueryPartitionAsync<CheckpointId>(_checkpoints, query, configId, "list checkpoints of " + configId, cancellationToken).ConfigureAwait(false);
        foreach (var item in items.OrderBy(i => i.Kind == CheckpointItem.CoverageKind))
        {
            await DeleteAsync(_checkpoints, item.Id, configId, "delete checkpoint " + item.Id, cancellationToken).ConfigureAwait(false);
        }

        // The id stays in the config registry: listing skips ids without a document, and a config
        // stored again under this id needs no new entry (nothing to race with a concurrent create).
        return await DeleteAsync(_control, configId, configId, "delete config " + configId, cancellationToken).ConfigureAwait(false);
    }

    // True when this call removed the item; false when it was gone already.
    private async Task<bool> DeleteAsync(Container container, string id, string partitionKey, string what, CancellationToken cancellationToken)
    {
        try
        {
            await RetryAsync(what, ct => container.DeleteItemAsync<object>(id, new PartitionKey(partitionKey), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private sealed record CheckpointId(string Id, string Kind);

    private async Task<(ControlItem Item, string ETag)?> ReadControlAsync(string configId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        return await PointReadAsync<ControlItem>(_control, configId, configId, "read config " + configId, cancellationToken).ConfigureAwait(false);
    }

    private async Task RegisterConfigAsync(string configId, CancellationToken cancellationToken) =>
        await UpdateSharedAsync<ConfigRegistryItem>(
            _control,
            ConfigRegistryItem.ItemId,
            ConfigRegistryItem.ItemId,
            "register config " + configId,
            current => current is null ? new ConfigRegistryItem { ConfigIds = [configId] }
                : current.ConfigIds.Contains(configId) ? null
                : current with { ConfigIds = [.. current.ConfigIds, configId] },
            cancellationToken).ConfigureAwait(false);

    // Prepared once per store; a failed preparation is tried again by the next call rather than kept
    // (a 503 at start-up must not leave a long-lived host with a store that never works).
    private Task ReadyAsync()
    {
        lock (_readyGate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = InitializeAsync();
            }

            return _ready;
        }
    }

    private async Task InitializeAsync()
    {
        try
        {
            if (_options.CreateIfMissing)
            {
                // Transient failures (503, timeouts, dropped connections) are retried like every other request.
                Database database = await RetryAsync("prepare database " + _options.DatabaseName, ct => _client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName, cancellationToken: ct), CancellationToken.None).ConfigureAwait(false);
                _control = await CreateContainerAsync(database, "control", "/id").ConfigureAwait(false);
                _checkpoints = await CreateContainerAsync(database, "checkpoints", "/configId").ConfigureAwait(false);
                _audit = await CreateContainerAsync(database, "audit", "/runId").ConfigureAwait(false);
                _streams = await CreateContainerAsync(database, "streams", "/hub").ConfigureAwait(false);
            }
            else
            {
                _control = _client.GetContainer(_options.DatabaseName, "control");
                _checkpoints = _client.GetContainer(_options.DatabaseName, "checkpoints");
                _audit = _client.GetContainer(_options.DatabaseName, "audit");
                _streams = _client.GetContainer(_options.DatabaseName, "streams");
            }
        }
        catch (CosmosException ex)
        {
            throw new LogIngestException(ErrorCodes.StateIo, $"Preparing Cosmos database '{_options.DatabaseName}' failed: HTTP {(int)ex.StatusCode} {ex.Message}", ex);
        }

        async Task<Container> CreateContainerAsync(Database database, string name, string partitionKeyPath)
        {
            ContainerResponse response = await RetryAsync("prepare container " + name, ct => database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, partitionKeyPath), cancellationToken: ct), CancellationToken.None).ConfigureAwait(false);
            return response.Container;
        }
    }

    private static CosmosClient CreateClient(CosmosStateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.AccountEndpoint?.AbsoluteUri
            ?? throw new ArgumentException("CosmosStateOptions.AccountEndpoint is missing: give the account URL, e.g. https://account.documents.azure.com:443/.", nameof(options));
        var clientOptions = CreateClientOptions(options);
        return options switch
        {
            { Credential: { } credential } => new CosmosClient(endpoint, credential, clientOptions),
            { AccountKey: { Length: > 0 } key } => new CosmosClient(endpoint, key, clientOptions),
            _ => throw new ArgumentException("CosmosStateOptions needs Credential (Entra ID) or AccountKey (emulator).", nameof(options)),
        };
    }

    private static bool SameJson<T>(T left, T right) =>
        JsonSerializer.Serialize(left, StateJson.Options) == JsonSerializer.Serialize(right, StateJson.Options);
}
