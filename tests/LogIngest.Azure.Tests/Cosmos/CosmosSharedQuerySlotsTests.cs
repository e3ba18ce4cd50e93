using LogIngest.Azure.Cosmos;
using LogIngest.Core.Ports;
using LogIngest.TestSupport.Contracts;
using LogIngest.TestSupport.Servers;
using Xunit.Abstractions;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>Hosts sharing one Cosmos database, each through its own <see cref="CosmosStateStore"/> and client, as app instances do.</summary>
[Collection(CosmosServerCollection.Name)]
public sealed class CosmosSharedQuerySlotsTests(CosmosServerFixture server, ITestOutputHelper output) : SharedQuerySlotsContract(output)
{
    private readonly string _database = "slothosts" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<CosmosStateStore> _opened = [];

    protected override string StoreName => "cosmos-server";

    protected override IQuerySlotStore OpenHost()
    {
        var options = CosmosStateStoreServerTests.Options(server);
        options.DatabaseName = _database;
        var store = new CosmosStateStore(options);
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    public override Task DisposeAsync()
    {
        _opened.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }
}
