using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LogIngest.TestSupport;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>
/// The Node Cosmos SQL API server on a free local port (plain HTTP), for the Cosmos state tests.
/// Stands in until the shared server fixture (with its compatibility proxy) lands in TestSupport.
/// </summary>
public sealed class CosmosTestServer : IAsyncLifetime
{
    // Any key is accepted by the local server.
    public const string AccountKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private Process? _process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var script = Path.Combine(TestPaths.TestsFolder, "node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--no-ssl", "--host", "127.0.0.1", "-p", port.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start node for the Cosmos server.");
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        while ((await _process.StandardOutput.ReadLineAsync()) is { } line)
        {
            if (line.Contains("Ready", StringComparison.Ordinal))
            {
                _ = _process.StandardOutput.ReadToEndAsync();
                _ = _process.StandardError.ReadToEndAsync();
                return;
            }
        }

        throw new InvalidOperationException("The Cosmos server did not start: " + await _process.StandardError.ReadToEndAsync());
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
