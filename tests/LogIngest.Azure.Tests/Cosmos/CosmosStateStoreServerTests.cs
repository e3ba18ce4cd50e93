using LogIngest.Azure.Cosmos;
using LogIngest.Core.Ports;
using LogIngest.TestSupport.Contracts;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>The state contract against the local Cosmos server (behind the harness's compatibility layer); each test gets its own database.</summary>
public sealed class CosmosStateStoreServerTests(CosmosServerFixture server) : StateStoreContract, IClassFixture<CosmosServerFixture>
{
    internal static CosmosStateOptions Options(CosmosServerFixture server) => new()
    {
        AccountEndpoint = server.Endpoint,
        AccountKey = server.Key,
        DatabaseName = "db" + Guid.NewGuid().ToString("N")[..12],
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
