using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LogIngest.TestSupport;

namespace LogIngest.Azure.Tests.Blob;

/// <summary>
/// Azurite's Blob service on a free local port, in a temp folder, for the Blob lake tests. Stands in
/// until the shared server fixtures land in TestSupport.
/// </summary>
public sealed class AzuriteBlobServer : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    // Azurite's published development key (not a secret).
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-azurite-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public Uri BlobEndpoint { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var port = FreePort();
        var script = Path.Combine(TestPaths.TestsFolder, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--inMemoryPersistence" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start node for Azurite.");
        BlobEndpoint = new Uri($"http://127.0.0.1:{port}/{AccountName}/");
        var ready = DateTime.UtcNow.AddSeconds(30);
        while ((await _process.StandardOutput.ReadLineAsync()) is { } line)
        {
            if (line.Contains("successfully listens", StringComparison.Ordinal))
            {
                _ = _process.StandardOutput.ReadToEndAsync();
                _ = _process.StandardError.ReadToEndAsync();
                return;
            }

            if (DateTime.UtcNow > ready)
            {
                break;
            }
        }

        throw new InvalidOperationException("Azurite did not start: " + await _process.StandardError.ReadToEndAsync());
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
