using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Local.Hosting;
using LogIngest.Local.Simulation;
using LogIngest.TestSupport.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>The workflows on the real Durable engine with the Azure adapters: Cosmos state on a Cosmos server, the lake on Azurite.</summary>
public sealed class DurableEngineAzureServicesTests(AzuriteFixture azurite, CosmosServerFixture cosmos)
    : IClassFixture<AzuriteFixture>, IClassFixture<CosmosServerFixture>
{
    [Fact]
    public async Task Backfill_CosmosStateAndBlobLake_ReconcilesExactly()
    {
        await using var world = await ScenarioWorld.InProcessSourceAsync(rowsPerDay: 2000);
        var container = "lake" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await DurableEngineScenarioHost.StartAsync(services =>
        {
            world.ComposeCore(services);
            services
                .AddAzureCosmosState(o =>
                {
                    o.AccountEndpoint = cosmos.Endpoint;
                    o.AccountKey = cosmos.Key;
                    o.DatabaseName = "db" + Guid.NewGuid().ToString("N")[..12];
                })
                .AddAzureBlobLake(o =>
                {
                    o.ContainerUri = new Uri(azurite.BlobEndpoint + "/" + container);
                    o.SharedKeyCredential = new global::Azure.Storage.StorageSharedKeyCredential(azurite.AccountName, azurite.AccountKey);
                });
            services.AddSingleton(sp => new SimulatedWorkspace(ScenarioWorld.WorkspaceOptions(world.RowsPerDay), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<ILogSourceProvider, SimulatedSourceProvider>();
        });
        var config = world.Backfill("cosmos-azurite", days: 3);

        var run = await host.Services.GetRequiredService<RunLauncher>().StartAsync(host.Engine, config);
        var summary = await host.WaitAsync(run);

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var lake = host.Services.GetRequiredService<ILakeStore>();
        var copied = 0;
        await foreach (var item in lake.ListAsync(string.Empty))
        {
            var target = Path.Combine(world.LakeRoot, item.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var from = await lake.OpenReadAsync(item.Path);
            await using var to = File.Create(target);
            await from.CopyToAsync(to);
            copied++;
        }

        var source = await world.SourceRowsAsync(config);
        var read = await LakeReadBack.ReadAsync(world.LakeRoot);
        Assert.Equal(summary.Files, copied);
        Assert.Equal(source, read.Rows);
        Assert.Equal(source, read.DistinctKeys);
        var runs = await host.Services.GetRequiredService<IRunEventStore>().ListRecentRunsAsync(5, config.Id);
        Assert.Equal(RunStatus.Succeeded, Assert.Single(runs).Status);
    }
}
