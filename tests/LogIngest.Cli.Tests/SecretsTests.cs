using Azure.Storage.Blobs;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Cli.Tests;

/// <summary>
/// Account keys and connection strings reach the CLI through the environment only, and never come
/// back out: not in stdout, stderr (the verbose logs included), `--json`, the state or the lake.
/// The CLI runs as a child process here, so what it logs to the process's own stderr is seen too,
/// and every document the state holds on the Cosmos server is read back.
/// </summary>
public sealed class SecretsTests(AzuriteFixture azurite, CosmosServerFixture cosmos)
    : IClassFixture<AzuriteFixture>, IClassFixture<CosmosServerFixture>
{
    [Fact]
    public async Task EveryCommand_KeysInTheEnvironment_NeverAppearInAnyOutputStateOrLake()
    {
        using var sandbox = new CliSandbox();
        var secrets = new Dictionary<string, string> { ["LAKE_CS"] = azurite.ConnectionString, ["STATE_CS"] = cosmos.ConnectionString };
        var lake = "env:LAKE_CS/secrets" + Guid.NewGuid().ToString("N")[..8];
        var state = "env:STATE_CS/db" + Guid.NewGuid().ToString("N")[..12];
        var where = new[] { "--state", state, "--lake", lake, "--sim-rows-per-day", "2000" };
        string[][] commands =
        [
            ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07", "--verbose", .. where],
            ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07", "--json", .. where],
            ["status", "--json", "--state", state],
            ["status", "--state", state],
            ["verify", "--json", "--verbose", "--state", state, "--sim-rows-per-day", "2000"],
            ["config", "show", "officeactivity", "--state", state],
            ["config", "list", "--json", "--state", state],
        ];

        var outputs = new List<string>();
        foreach (var args in commands)
        {
            var (exit, output) = await RunProcessAsync(sandbox, secrets, args);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}\n{output}");
            outputs.Add(output);
        }

        // A wrong key is refused by the service: the failure says so without repeating the key.
        const string Planted = "c2VudGluZWwtc2VjcmV0LWtleS1wbGFudGVkLWJ5LWEtdGVzdC1pdC1tdXN0LW5ldmVyLWxlYWs=";
        var wrong = azurite.ConnectionString.Replace(azurite.AccountKey, Planted, StringComparison.Ordinal);
        var (failedExit, failed) = await RunProcessAsync(sandbox, new Dictionary<string, string> { ["LAKE_CS"] = wrong },
            ["backfill", "--simulated", "--table", "OfficeActivity", "--from", "2025-01-06", "--to", "2025-01-07", "--verbose", "--lake", "env:LAKE_CS/other", "--sim-rows-per-day", "2000"]);
        Assert.NotEqual(0, failedExit);
        outputs.Add(failed);

        var local = Directory.Exists(sandbox.Folder)
            ? Directory.EnumerateFiles(sandbox.Folder, "*", SearchOption.AllDirectories).Select(ReadShared)
            : [];
        var container = new BlobContainerClient(azurite.ConnectionString, lake["env:LAKE_CS/".Length..]);
        var lakeFiles = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            // Parquet is binary: each byte as one character, so a key in a footer or page would show.
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
            lakeFiles.Add(blob.Name + "\n" + System.Text.Encoding.Latin1.GetString(content.Value.Content.ToArray()));
        }

        // Every state document (configs, checkpoints, runs, audit events) as the Cosmos server stores it.
        var documents = new List<string>();
        using var cosmosClient = cosmos.CreateClient();
        var database = state["env:STATE_CS/".Length..];
        using var containers = cosmosClient.GetDatabase(database).GetContainerQueryIterator<Microsoft.Azure.Cosmos.ContainerProperties>();
        while (containers.HasMoreResults)
        {
            foreach (var properties in await containers.ReadNextAsync())
            {
                using var items = cosmosClient.GetContainer(database, properties.Id).GetItemQueryStreamIterator("SELECT * FROM c");
                while (items.HasMoreResults)
                {
                    using var page = await items.ReadNextAsync();
                    using var reader = new StreamReader(page.Content);
                    documents.Add(await reader.ReadToEndAsync());
                }
            }
        }

        Assert.Contains(lakeFiles, f => f.Contains(".parquet", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("officeactivity", StringComparison.Ordinal));
        foreach (var text in outputs.Concat(local).Concat(lakeFiles).Concat(documents))
        {
            foreach (var secret in new[] { azurite.AccountKey, cosmos.Key, Planted, azurite.ConnectionString, cosmos.ConnectionString })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<(int Exit, string Output)> RunProcessAsync(CliSandbox sandbox, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var process = sandbox.StartProcess(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
