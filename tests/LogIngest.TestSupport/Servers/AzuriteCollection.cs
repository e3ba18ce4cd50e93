using System.Diagnostics.CodeAnalysis;

namespace LogIngest.TestSupport.Servers;

/// <summary>
/// Test classes marked <c>[Collection(AzuriteCollection.Name)]</c> share one Azurite (constructor
/// parameter <see cref="AzuriteFixture"/>). Use unique container names per test: state is shared.
/// xUnit only discovers collection definitions in the test assembly itself, so each test project
/// declares <c>[CollectionDefinition(AzuriteCollection.Name)] public sealed class AzuriteCollectionDefinition : AzuriteCollection;</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "xUnit names shared-fixture groups collections.")]
public abstract class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Azurite";
}
