using System.Net;
using System.Text.Json;
using LogIngest.Core.Configuration;
using LogIngest.Core.Hosting;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;
using LogIngest.Functions;
using LogIngest.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests.Http;

/// <summary>
/// The HTTP starter (<c>POST /api/backfills</c>) on the real Durable engine, held to the same table of
/// bad configs as the CLI's <c>run --config</c>: each body is answered 400 with <c>{ code, message }</c>
/// naming the field in the config's words, and nothing changes: no config, checkpoint or run stored, no
/// orchestration started, no lake file.
/// </summary>
public sealed class HttpStarterBadInputTests(HttpStarterBadInputTests.Starter starter) : IClassFixture<HttpStarterBadInputTests.Starter>
{
    [Theory]
    [MemberData(nameof(BadConfigs.Cases), MemberType = typeof(BadConfigs))]
    public async Task StartBackfill_BadBody_Answers400NamingTheFieldAndChangesNothing(string name, byte[] body, string field)
    {
        var before = await starter.SnapshotAsync();

        var (status, code, message) = await starter.PostAsync(body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status} {message}");
        Assert.Equal(ErrorCodes.ConfigInvalid, code);
        Assert.Contains("  " + field + ": ", message, StringComparison.Ordinal);
        Assert.All(BadConfigs.DotNetWords, word => Assert.DoesNotContain(word, message, StringComparison.Ordinal));
        Assert.Equal(before, await starter.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(BadConfigs.StoredClashes), MemberType = typeof(BadConfigs))]
    public async Task StartBackfill_ConfigClashingWithStoredOne_Answers400NamingTheFieldAndChangesNothing(string name, byte[] body, string field)
    {
        var before = await starter.SnapshotAsync();

        var (status, code, message) = await starter.PostAsync(body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status} {message}");
        Assert.Equal(ErrorCodes.ConfigInvalid, code);
        Assert.Contains(field + ": ", message, StringComparison.Ordinal);
        Assert.Equal(before, await starter.SnapshotAsync());
    }

    [Fact]
    public async Task StartBackfill_GoodBody_Answers202AndRunsIt()
    {
        // The same starter takes a good config: the refusals above are the body's, not the harness's.
        await using var world = await ScenarioWorld.InProcessSourceAsync(rowsPerDay: 500);
        await using var host = await DurableEngineScenarioHost.StartAsync(world);
        var api = new RunsApi(host.Services.GetRequiredService<IStateStore>(), host.Services.GetRequiredService<RunLauncher>());
        var body = BadConfigs.Change(("id", "\"good-body\""));

        var response = (FunctionsHttpResponse)await api.StartBackfill(FunctionsHttpRequest.Post(Starter.Url, body), host.Client, CancellationToken.None);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, response.Text);
        using var document = JsonDocument.Parse(response.Text);
        // The check-status payload names the instance and where to poll it.
        var instanceId = document.RootElement.EnumerateObject().Single(p => p.NameEquals("id") || p.NameEquals("Id")).Value.GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<RunSummary>()!;
        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(await world.SourceRowsAsync(ConfigJson.Parse(body)), summary.Rows);
    }

    /// <summary>
    /// One Durable engine whose state already holds <see cref="BadConfigs.Base"/> with a checkpoint, as a
    /// user's would before the bad request, and the HTTP API over it.
    /// </summary>
    public sealed class Starter : IAsyncLifetime
    {
        public const string Url = "http://localhost:7071/api/backfills";

        private ScenarioWorld? _world;
        private DurableEngineScenarioHost? _host;

        private DurableEngineScenarioHost Host => _host ?? throw new InvalidOperationException("not started");

        private IStateStore State => Host.Services.GetRequiredService<IStateStore>();

        public async Task InitializeAsync()
        {
            _world = await ScenarioWorld.InProcessSourceAsync(rowsPerDay: 500);
            _host = await DurableEngineScenarioHost.StartAsync(_world);
            await BadConfigs.SeedAsync(State);
        }

        public async Task<(HttpStatusCode Status, string? Code, string Message)> PostAsync(byte[] body)
        {
            var api = new RunsApi(State, Host.Services.GetRequiredService<RunLauncher>());
            var response = (FunctionsHttpResponse)await api.StartBackfill(FunctionsHttpRequest.Post(Url, body), Host.Client, CancellationToken.None);
            using var document = JsonDocument.Parse(response.Text);
            return (response.StatusCode, document.RootElement.GetProperty("code").GetString(), document.RootElement.GetProperty("message").GetString()!);
        }

        /// <summary>Everything a request could change: stored configs, checkpoints, runs, orchestrations and lake files.</summary>
        public async Task<string> SnapshotAsync()
        {
            var state = await BadConfigs.StateSnapshotAsync(State);
            var instances = new List<string>();
            await foreach (var instance in Host.Client.GetAllInstancesAsync(new OrchestrationQuery()))
            {
                instances.Add(instance.InstanceId + " " + instance.RuntimeStatus);
            }

            var files = Directory.EnumerateFiles(_world!.LakeRoot, "*", SearchOption.AllDirectories).Order().ToList();
            return JsonSerializer.Serialize(new { state, instances, files });
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            if (_world is not null)
            {
                await _world.DisposeAsync();
            }
        }
    }
}
