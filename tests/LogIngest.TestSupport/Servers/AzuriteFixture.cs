using System.Globalization;

namespace LogIngest.TestSupport.Servers;

/// <summary>
/// Azurite's Blob service on a free loopback port with a fresh, empty storage folder, for one test
/// class (<c>IClassFixture&lt;AzuriteFixture&gt;</c>) or a collection (<see cref="AzuriteCollection"/>).
/// Uses the well-known development account; SharedKey auth.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The development account name every Azurite accepts.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The development account key Microsoft publishes for Azurite and the storage emulator.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location = Path.Combine(Path.GetTempPath(), "logingest-azurite-" + Guid.NewGuid().ToString("N"));
    private NodeServerProcess? _server;

    /// <summary>Account name for SharedKey signing.</summary>
    public string AccountName => DevelopmentAccountName;

    /// <summary>Base64 account key for SharedKey signing.</summary>
    public string AccountKey => DevelopmentAccountKey;

    /// <summary>Blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Blob service endpoint, <c>http://127.0.0.1:{port}/devstoreaccount1</c> (no trailing slash).</summary>
    public Uri BlobEndpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{BlobPort}/{AccountName}"));

    /// <summary>An Azure Storage connection string for this Azurite (blob only).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>The running server process (for hygiene checks).</summary>
    public NodeServerProcess Server => _server ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>The folder Azurite stores blobs in; deleted on dispose.</summary>
    public string Location => _location;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_location);
        var script = Path.Combine(TestPaths.TestsFolder, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        _server = await NodeServerProcess.StartAsync(() =>
        {
            BlobPort = FreePort.Next();
            return new NodeServerLaunch(
                "azurite-blob",
                script,
                [
                    "--location", _location, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                    "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
                ],
                new Uri(BlobEndpoint + "?comp=list"));
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }
}
