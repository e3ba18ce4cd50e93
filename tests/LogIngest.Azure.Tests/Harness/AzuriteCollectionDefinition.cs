using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Harness;

/// <summary>One Azurite for every class in this assembly marked <c>[Collection(AzuriteCollection.Name)]</c>.</summary>
[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : AzuriteCollection;
