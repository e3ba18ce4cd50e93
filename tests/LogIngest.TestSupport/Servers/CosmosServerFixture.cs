using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace LogIngest.TestSupport.Servers;

/// <summary>
/// An in-memory Cosmos DB SQL API (<c>@vercel/cosmosdb-server</c> behind the compatibility layer in
/// node/cosmos-server.mjs) on a free loopback port, plain HTTP, for one test class
/// (<c>IClassFixture&lt;CosmosServerFixture&gt;</c>) or a collection (<see cref="CosmosServerCollection"/>).
/// Supported with the .NET SDK in gateway mode: databases, containers, point create/read/replace/
/// upsert/delete/patch, ETag conditions, single-partition and cross-partition queries (ORDER BY,
/// TOP, COUNT evaluated by the server). Not supported: TransactionalBatch, change feed.
/// </summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    /// <summary>The emulator's published key. The server accepts any key; the SDK insists on a well-formed one.</summary>
    public const string WellKnownKey =
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private NodeServerProcess? _server;
    private CosmosClient? _client;

    /// <summary>Server port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Account endpoint, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>Account key for <see cref="CosmosClient"/>.</summary>
    public string Key => WellKnownKey;

    /// <summary>A connection string for this server.</summary>
    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={Key};";

    /// <summary>A client shared by the fixture's users (from <see cref="CreateClient"/> with default options).</summary>
    public CosmosClient Client => _client ?? throw new InvalidOperationException("The Cosmos server is not started.");

    /// <summary>The running server process (for hygiene checks).</summary>
    public NodeServerProcess Server => _server ?? throw new InvalidOperationException("The Cosmos server is not started.");

    /// <summary>
    /// A new client for this server. Whatever <paramref name="options"/> say, it talks gateway mode to
    /// this endpoint only (the server has no direct mode and no other regions). Without options it
    /// serializes with System.Text.Json, web defaults (camelCase, so <c>Id</c> is written as <c>id</c>).
    /// The caller disposes it.
    /// </summary>
    public CosmosClient CreateClient(CosmosClientOptions? options = null)
    {
        options ??= new CosmosClientOptions
        {
            UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
        };
        options.ConnectionMode = ConnectionMode.Gateway;
        options.LimitToEndpoint = true;
        return new CosmosClient(Endpoint.ToString(), Key, options);
    }

    /// <summary>
    /// Creates a fresh database and container with unique ids, so tests sharing the server do not see
    /// each other's items.
    /// </summary>
    public async Task<Container> CreateContainerAsync(string partitionKeyPath = "/pk", CancellationToken cancellationToken = default)
    {
        var suffix = Guid.NewGuid().ToString("N");
        var database = (await Client.CreateDatabaseAsync("db-" + suffix, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
        var container = await database.CreateContainerAsync(
            new ContainerProperties("c-" + suffix, partitionKeyPath), cancellationToken: cancellationToken).ConfigureAwait(false);
        return container.Container;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var script = Path.Combine(TestPaths.TestsFolder, "LogIngest.TestSupport", "node", "cosmos-server.mjs");
        _server = await NodeServerProcess.StartAsync(() =>
        {
            Port = FreePort.Next();
            return new NodeServerLaunch("cosmos-server", script, ["--port", Port.ToString(CultureInfo.InvariantCulture)], Endpoint);
        }).ConfigureAwait(false);
        _client = CreateClient();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
