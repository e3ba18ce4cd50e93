using System.Net;
using LogIngest.Azure.Cosmos;
using LogIngest.Core.Ports;
using LogIngest.TestSupport.Contracts;
using LogIngest.TestSupport.Servers;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>
/// The slot contract against the local Cosmos server, each test on its own database; "another host"
/// is another <see cref="CosmosStateStore"/> with its own client on the same database.
/// </summary>
[Collection(CosmosServerCollection.Name)]
public sealed class CosmosQuerySlotStoreTests(CosmosServerFixture server) : QuerySlotStoreContract
{
    private readonly string _database = "slots" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<CosmosStateStore> _opened = [];

    protected override Task<IQuerySlotStore> CreateStoreAsync() => Task.FromResult(OpenAnotherHost());

    protected override IQuerySlotStore OpenAnotherHost()
    {
        var options = CosmosStateStoreServerTests.Options(server);
        options.DatabaseName = _database;
        var store = new CosmosStateStore(options);
        _opened.Add(store);
        return store;
    }

    protected override Task DisposeStoreAsync()
    {
        _opened.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListConfigsAsync_SlotDocumentsInControl_ListsOnlyTheConfigs()
    {
        var state = (CosmosStateStore)Store;
        await state.CreateConfigAsync(StateStoreContract.Config("office"));
        await state.CreateConfigAsync(StateStoreContract.Config("paused", enabled: false));
        var held = new List<QuerySlotLease>();
        for (var i = 0; i < 3; i++)
        {
            held.Add((await state.TryAcquireAsync(Claim("h" + i, T0)))!);
        }

        await state.ReleaseAsync(held[0]); // a free slot's document stays, without a holder

        Assert.Equal(["office", "paused"], (await state.ListConfigsAsync()).Select(d => d.Id));
        Assert.Equal(["office"], (await state.ListEnabledConfigsAsync()).Select(d => d.Id));
        using var slotDocument = await server.Client.GetContainer(_database, "control").ReadItemStreamAsync("_query-slot-" + held[0].Slot, new PartitionKey("_query-slot-" + held[0].Slot));
        Assert.Equal(HttpStatusCode.OK, slotDocument.StatusCode);
    }
}
