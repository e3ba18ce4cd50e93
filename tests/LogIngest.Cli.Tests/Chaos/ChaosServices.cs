using LogIngest.TestSupport.Chaos;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>
/// One seed's services around the shared Azurite and Cosmos server: a fault-injecting proxy in front of
/// each, and a managed identity token endpoint, with the environment a child <c>logingest</c> needs.
/// </summary>
public sealed class ChaosServices : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly CosmosServerFixture _cosmos;

    private readonly string? _certificate;

    private ChaosServices(AzuriteFixture azurite, CosmosServerFixture cosmos, FaultProxy blob, FaultProxy state, ManagedIdentityEndpoint identity, string? certificate)
    {
        _certificate = certificate;
        _azurite = azurite;
        _cosmos = cosmos;
        Blob = blob;
        State = state;
        Identity = identity;
    }

    public FaultProxy Blob { get; }

    public FaultProxy State { get; }

    public ManagedIdentityEndpoint Identity { get; }

    /// <param name="certificate">A PEM file with the source's certificate, the one root a child trusts (SSL_CERT_FILE); null leaves the machine's.</param>
    public static async Task<ChaosServices> StartAsync(int seed, AzuriteFixture azurite, CosmosServerFixture cosmos, string? certificate)
    {
        var blob = await FaultProxy.StartAsync(azurite.BlobEndpoint, new FaultProxyOptions { Seed = seed, Unavailable = 0.04, Timeout = 0.01, DropMidUpload = 0.03, LostReply = 0.03 });
        var state = await FaultProxy.StartAsync(cosmos.Endpoint, new FaultProxyOptions { Seed = seed + 1_000_000, Unavailable = 0.03, Timeout = 0.005, DropMidUpload = 0.01, LostReply = 0.02 });
        var identity = await ManagedIdentityEndpoint.StartAsync();
        return new ChaosServices(azurite, cosmos, blob, state, identity, certificate);
    }

    /// <summary>
    /// The child's environment: connection strings through the proxies (or, <paramref name="faulty"/>
    /// false, straight to the servers) under the names its --lake and --state give (LAKE_CS, STATE_CS),
    /// the token endpoint, and the source's certificate as the only trusted root when there is one.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(bool faulty)
    {
        var variables = new Dictionary<string, string>(Identity.Variables)
        {
            ["LAKE_CS"] = faulty ? Blob.Rewrite(_azurite.ConnectionString) : _azurite.ConnectionString,
            ["STATE_CS"] = faulty ? State.Rewrite(_cosmos.ConnectionString) : _cosmos.ConnectionString,
        };
        if (_certificate is not null)
        {
            variables["SSL_CERT_FILE"] = _certificate;
        }

        return variables;
    }

    /// <summary>Requests the proxies have received so far.</summary>
    public long Requests => Blob.Requests + State.Requests;

    /// <summary>The proxies' faults so far, one name per fault ("blob LostReply", "state Unavailable", ...).</summary>
    public IEnumerable<string> FaultNames() =>
        Blob.Faults.SelectMany(f => Enumerable.Repeat("blob " + f.Key, f.Value))
            .Concat(State.Faults.SelectMany(f => Enumerable.Repeat("state " + f.Key, f.Value)));

    public async ValueTask DisposeAsync()
    {
        await Blob.DisposeAsync();
        await State.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
