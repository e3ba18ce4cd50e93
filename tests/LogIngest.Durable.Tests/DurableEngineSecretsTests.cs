using System.Collections.Concurrent;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.State;
using LogIngest.Local.Simulation;
using LogIngest.TestSupport.Servers;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogIngest.Durable.Tests;

/// <summary>
/// What the Functions app would log and store, on the real Durable engine with the Azure adapters: the
/// Log Analytics client's bearer token, the Cosmos key and the storage account key never appear in a
/// log line (every category at Trace, exceptions included), a state document (configs, checkpoints,
/// runs, audit events), an orchestration's input, output, status or failure, or a lake blob. One run
/// meets faults it retries; one fails on a wrong storage key, so error paths are scanned too.
/// </summary>
public sealed class DurableEngineSecretsTests(AzuriteFixture azurite, CosmosServerFixture cosmos)
    : IClassFixture<AzuriteFixture>, IClassFixture<CosmosServerFixture>
{
    // Shaped like the real things (a JWT, a base64 account key), so a redaction by shape would not pass by luck.
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzZW50aW5lbCI6ImJlYXJlci10b2tlbiJ9.c2VudGluZWwtdG9rZW4tc2lnbmF0dXJl";
    private const string WrongKey = "d3Jvbmcta2V5LXBsYW50ZWQtYnktdGhlLXNlY3JldHMtdGVzdC1pdC1tdXN0LW5ldmVyLWFwcGVhcg==";

    [Fact]
    public async Task Backfills_RetriedFaultsAndAFailedWrite_NoSecretInLogsStateOrchestrationsOrLake()
    {
        await using var world = await ScenarioWorld.OverHttpAsync(
            1500,
            server =>
            {
                foreach (var fault in new[] { SimulatedFault.Throttle, SimulatedFault.None, SimulatedFault.Unavailable, SimulatedFault.PartialError, SimulatedFault.GatewayTimeout })
                {
                    server.ScriptedFaults.Add(fault);
                }

                server.RetryAfter = TimeSpan.FromMilliseconds(100);
            },
            Token);
        var logs = new CapturedLogs();
        var database = "db" + Guid.NewGuid().ToString("N")[..12];
        var container = "lake" + Guid.NewGuid().ToString("N")[..12];

        await using (var host = await StartAsync(world, logs, database, container, azurite.AccountKey))
        {
            var run = await host.Services.GetRequiredService<RunLauncher>().StartAsync(host.Engine, world.Backfill("secrets", days: 2));
            var summary = await host.WaitAsync(run);
            Assert.True(summary.Status == RunStatus.Succeeded, string.Join('\n', logs.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Warning ", StringComparison.Ordinal)).Take(5)));
        }

        await using (var host = await StartAsync(world, logs, database, container, WrongKey))
        {
            var config = world.Backfill("secrets-wrong-key", days: 1) with { Lake = new LakeSpec { Prefix = "other" } };
            var run = await host.Services.GetRequiredService<RunLauncher>().StartAsync(host.Engine, config);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var ended = await host.Client.WaitForInstanceCompletionAsync(run.InstanceId, getInputsAndOutputs: true, timeout.Token);
            Assert.NotEqual(RunStatus.Succeeded, ended.ReadOutputAs<Core.Workflows.RunSummary>()?.Status ?? RunStatus.Failed);

            var everything = new List<string>(logs.Lines);
            everything.AddRange(await OrchestrationsAsync(host.Client));
            everything.AddRange(await DocumentsAsync(database));
            everything.AddRange(await BlobsAsync(container));

            // The token was sent (a query without it is answered 401) and faults were met and retried.
            Assert.Contains(world.Server!.Requests, r => r.Status == 200);
            Assert.DoesNotContain(world.Server.Requests, r => r.Status == 401);
            Assert.Contains(world.Server.Requests, r => r.Fault != SimulatedFault.None);
            Assert.Contains(logs.Lines, line => line.Contains("403", StringComparison.Ordinal) || line.Contains("AuthenticationFailed", StringComparison.Ordinal));
            Assert.Contains(everything, text => text.Contains(".parquet", StringComparison.Ordinal));
            foreach (var secret in new[] { Token, cosmos.Key, azurite.AccountKey, WrongKey })
            {
                var leak = everything.FirstOrDefault(text => text.Contains(secret, StringComparison.Ordinal));
                Assert.True(leak is null, $"a secret appears in: {leak?[..Math.Min(leak.Length, 400)]}");
            }
        }
    }

    private Task<DurableEngineScenarioHost> StartAsync(ScenarioWorld world, CapturedLogs logs, string database, string container, string accountKey) =>
        DurableEngineScenarioHost.StartAsync(services =>
        {
            world.ComposeCore(services);
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
            services
                .AddAzureCosmosState(o =>
                {
                    o.AccountEndpoint = cosmos.Endpoint;
                    o.AccountKey = cosmos.Key;
                    o.DatabaseName = database;
                })
                .AddAzureBlobLake(o =>
                {
                    o.ContainerUri = new Uri(azurite.BlobEndpoint + "/" + container);
                    o.SharedKeyCredential = new StorageSharedKeyCredential(azurite.AccountName, accountKey);
                });
        });

    private static async Task<List<string>> OrchestrationsAsync(DurableTaskClient client)
    {
        var texts = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }))
        {
            texts.Add(string.Join('\n', instance.InstanceId, instance.SerializedInput, instance.SerializedOutput, instance.SerializedCustomStatus,
                instance.FailureDetails?.ErrorMessage, instance.FailureDetails?.StackTrace));
        }

        Assert.NotEmpty(texts);
        return texts;
    }

    // Every document of every container of the state database, as the server stores it.
    private async Task<List<string>> DocumentsAsync(string database)
    {
        using var client = cosmos.CreateClient();
        var texts = new List<string>();
        using var containers = client.GetDatabase(database).GetContainerQueryIterator<ContainerProperties>();
        while (containers.HasMoreResults)
        {
            foreach (var properties in await containers.ReadNextAsync())
            {
                using var items = client.GetContainer(database, properties.Id).GetItemQueryStreamIterator("SELECT * FROM c");
                while (items.HasMoreResults)
                {
                    using var page = await items.ReadNextAsync();
                    using var reader = new StreamReader(page.Content);
                    texts.Add(properties.Id + "\n" + await reader.ReadToEndAsync());
                }
            }
        }

        Assert.Contains(texts, t => t.Contains("secrets", StringComparison.Ordinal));
        return texts;
    }

    // Parquet is binary: each byte as one character, so a key in a footer or a page would show.
    private async Task<List<string>> BlobsAsync(string container)
    {
        var client = new BlobContainerClient(azurite.ConnectionString, container);
        var texts = new List<string>();
        await foreach (var blob in client.GetBlobsAsync())
        {
            var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
            texts.Add(blob.Name + "\n" + Encoding.Latin1.GetString(content.Value.Content.ToArray()));
        }

        return texts;
    }

    /// <summary>Every log line of every category, with its exception, as a log sink would receive it.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue(category + " scope " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The structured values too: a sink like Application Insights stores them beside the message.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty;
                lines.Enqueue($"{category} {logLevel} {eventId} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
