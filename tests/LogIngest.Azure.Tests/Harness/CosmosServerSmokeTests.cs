using System.Net;
using LogIngest.TestSupport.Servers;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Tests.Harness;

/// <summary>
/// The Cosmos server works through Microsoft.Azure.Cosmos, including the three gaps its compatibility
/// layer fills: 404 for a missing item, the query plan for cross-partition queries, and partition-key
/// filtering of queries.
/// </summary>
[Collection(CosmosServerCollection.Name)]
public sealed class CosmosServerSmokeTests(CosmosServerFixture cosmos)
{
    public sealed record Probe(string Id, string Pk, int Rank);

    [Fact]
    public async Task CreateItem_ThenReadAndQuery_RoundTrips()
    {
        var container = await cosmos.CreateContainerAsync();
        var created = await container.CreateItemAsync(new Probe("w-1", "lake", 7), new PartitionKey("lake"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var read = await container.ReadItemAsync<Probe>("w-1", new PartitionKey("lake"));
        var found = await QueryAsync<Probe>(
            container,
            new QueryDefinition("SELECT * FROM c WHERE c.rank = @rank").WithParameter("@rank", 7),
            new QueryRequestOptions { PartitionKey = new PartitionKey("lake") });

        Assert.Equal(new Probe("w-1", "lake", 7), read.Resource);
        Assert.Equal([new Probe("w-1", "lake", 7)], found);
    }

    [Fact]
    public async Task ReadItem_Missing_ThrowsCosmosExceptionNotFound()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(new Probe("present", "p", 1), new PartitionKey("p"));

        var error = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<Probe>("absent", new PartitionKey("p")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task DeleteItem_Missing_ThrowsCosmosExceptionNotFound()
    {
        var container = await cosmos.CreateContainerAsync();

        var error = await Assert.ThrowsAsync<CosmosException>(() => container.DeleteItemAsync<Probe>("absent", new PartitionKey("p")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Query_CrossPartitionOrderByTop_ReturnsHighestRanksInOrder()
    {
        var container = await SeedAsync();

        var ids = await QueryAsync<string>(container, new QueryDefinition("SELECT TOP 3 VALUE c.id FROM c ORDER BY c.rank DESC"));

        Assert.Equal(["b-2", "a-2", "c-1"], ids);
    }

    [Fact]
    public async Task Query_CrossPartitionCount_CountsEveryPartition()
    {
        var container = await SeedAsync();

        var counts = await QueryAsync<int>(container, new QueryDefinition("SELECT VALUE COUNT(1) FROM c"));

        Assert.Equal([5], counts);
    }

    [Fact]
    public async Task Query_WithPartitionKeyOption_ReturnsOnlyThatPartition()
    {
        var container = await SeedAsync();

        var items = await QueryAsync<Probe>(
            container,
            new QueryDefinition("SELECT * FROM c ORDER BY c.rank"),
            new QueryRequestOptions { PartitionKey = new PartitionKey("a") });

        Assert.Equal(["a-1", "a-2"], items.Select(p => p.Id));
    }

    [Fact]
    public async Task Query_WithPartitionKeyOneItemPerPage_ReturnsEveryItemOnce()
    {
        var container = await SeedAsync();

        var items = await QueryAsync<Probe>(
            container,
            new QueryDefinition("SELECT * FROM c WHERE c.rank > @min ORDER BY c.rank").WithParameter("@min", 0),
            new QueryRequestOptions { PartitionKey = new PartitionKey("b"), MaxItemCount = 1 });

        Assert.Equal(["b-1", "b-2"], items.Select(p => p.Id));
    }

    [Fact]
    public async Task ReplaceItem_StaleETag_ThrowsPreconditionFailed()
    {
        var container = await cosmos.CreateContainerAsync();
        var first = await container.CreateItemAsync(new Probe("w", "p", 1), new PartitionKey("p"));
        await container.ReplaceItemAsync(new Probe("w", "p", 2), "w", new PartitionKey("p"), new ItemRequestOptions { IfMatchEtag = first.ETag });

        var error = await Assert.ThrowsAsync<CosmosException>(() => container.ReplaceItemAsync(
            new Probe("w", "p", 3), "w", new PartitionKey("p"), new ItemRequestOptions { IfMatchEtag = first.ETag }));

        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
        Assert.Equal(2, (await container.ReadItemAsync<Probe>("w", new PartitionKey("p"))).Resource.Rank);
    }

    [Fact]
    public async Task PatchItem_Increment_ChangesOnlyThatField()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(new Probe("w", "p", 1), new PartitionKey("p"));

        var patched = await container.PatchItemAsync<Probe>("w", new PartitionKey("p"), [PatchOperation.Increment("/rank", 4)]);

        Assert.Equal(new Probe("w", "p", 5), patched.Resource);
    }

    private async Task<Container> SeedAsync()
    {
        var container = await cosmos.CreateContainerAsync();
        Probe[] items = [new("a-1", "a", 1), new("a-2", "a", 8), new("b-1", "b", 2), new("b-2", "b", 9), new("c-1", "c", 5)];
        foreach (var item in items)
        {
            await container.CreateItemAsync(item, new PartitionKey(item.Pk));
        }

        return container;
    }

    private static async Task<List<T>> QueryAsync<T>(Container container, QueryDefinition query, QueryRequestOptions? options = null)
    {
        var results = new List<T>();
        using var feed = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (feed.HasMoreResults)
        {
            results.AddRange(await feed.ReadNextAsync());
        }

        return results;
    }
}
