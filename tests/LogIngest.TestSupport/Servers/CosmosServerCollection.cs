using System.Diagnostics.CodeAnalysis;

namespace LogIngest.TestSupport.Servers;

/// <summary>
/// Test classes marked <c>[Collection(CosmosServerCollection.Name)]</c> share one Cosmos server (constructor
/// parameter <see cref="CosmosServerFixture"/>). State is shared: use CosmosServerFixture.CreateContainerAsync for a fresh container per test.
/// xUnit only discovers collection definitions in the test assembly itself, so each test project
/// declares <c>[CollectionDefinition(CosmosServerCollection.Name)] public sealed class CosmosServerCollectionDefinition : CosmosServerCollection;</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "xUnit names shared-fixture groups collections.")]
public abstract class CosmosServerCollection : ICollectionFixture<CosmosServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "CosmosServer";
}
