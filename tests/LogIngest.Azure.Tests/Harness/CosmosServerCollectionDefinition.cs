using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Harness;

/// <summary>One Cosmos server for every class in this assembly marked <c>[Collection(CosmosServerCollection.Name)]</c>.</summary>
[CollectionDefinition(CosmosServerCollection.Name)]
public sealed class CosmosServerCollectionDefinition : CosmosServerCollection;
