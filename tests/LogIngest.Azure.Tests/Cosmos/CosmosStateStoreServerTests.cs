using LogIngest.Azure.Cosmos;
using LogIngest.Core.Ports;
using LogIngest.TestSupport.Contracts;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>The state contract against a local Cosmos SQL API server; each test gets its own database.</summary>
public sealed class CosmosStateStoreServerTests(CosmosTestServer server) : StateStoreContract, IClassFixture<CosmosTestServer>
{
    internal static CosmosStateOptions Options(CosmosTestServer server) => new()
    {
        AccountEndpoint = server.Endpoint,
        AccountKey = CosmosTestServer.AccountKey,
        DatabaseName = "db" + Guid.NewGuid().ToString("N")[..12],
        HttpClientFactory = () => new HttpClient(new CosmosServerCompatHandler(new SocketsHttpHandler())),
    };

    protected override Task<IStateStore> CreateStoreAsync()
    {
        return Task.FromResult<IStateStore>(new CosmosStateStore(Options(server)));
    }

    protected override Task DisposeStoreAsync()
    {
        ((CosmosStateStore)Store).Dispose();
        return Task.CompletedTask;
    }
}
