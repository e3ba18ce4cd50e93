using Azure.Core;
using Azure.Core.Pipeline;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Workflows;
using LogIngest.Local.Hosting;
using LogIngest.Local.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>
/// The world a scenario runs in, whichever host runs the workflows: a simulated workspace (read in
/// process, or through its HTTP face on loopback by the real Log Analytics client), SQLite state and
/// a folder lake in a temp folder, and short retry delays so faults are retried within a test.
/// </summary>
public sealed class ScenarioWorld : IAsyncDisposable
{
    public const long Seed = 7;

    private ScenarioWorld(long rowsPerDay, SimulatedLogAnalyticsServer? server)
    {
        RowsPerDay = rowsPerDay;
        Server = server;
        Directory.CreateDirectory(LakeRoot);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "logingest-scenario-" + Guid.NewGuid().ToString("N"));

    public string LakeRoot => Path.Combine(Folder, "lake");

    public long RowsPerDay { get; }

    /// <summary>The hosts' heartbeat interval; null for the default (2 minutes: no beat within a test).</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>The workspace's HTTP face, when the world reads through the real client.</summary>
    public SimulatedLogAnalyticsServer? Server { get; }

    /// <summary>Retries after 50 ms, 100 ms, ... (the service's Retry-After still applies).</summary>
    public static WorkflowRetryPolicy FastRetry { get; } = new() { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) };

    public static Task<ScenarioWorld> InProcessSourceAsync(long rowsPerDay = 3000) => Task.FromResult(new ScenarioWorld(rowsPerDay, null));

    /// <summary>A world whose source is the workspace's HTTP face on loopback, read by the real client.</summary>
    public static async Task<ScenarioWorld> OverHttpAsync(long rowsPerDay, Action<SimulatedServerOptions> server, string token = "scenario-token")
    {
        var options = new SimulatedServerOptions { RetryAfter = TimeSpan.FromSeconds(1) };
        server(options);
        var face = await SimulatedLogAnalyticsServer.StartAsync(new SimulatedWorkspace(WorkspaceOptions(rowsPerDay), TimeProvider.System), options);
        return new ScenarioWorld(rowsPerDay, face) { Token = token };
    }

    /// <summary>The bearer token the Log Analytics client is given.</summary>
    public string Token { get; private init; } = "scenario-token";

    public static SimulatedWorkspaceOptions WorkspaceOptions(long rowsPerDay) => new() { Seed = Seed, OfficeActivityRowsPerDay = rowsPerDay };

    /// <summary>Everything but the state and lake adapters (which <see cref="Compose"/> adds as SQLite and a folder).</summary>
    public void ComposeCore(IServiceCollection services)
    {
        services.AddLogging();
        services.AddLogIngest(o =>
        {
            o.Retry = FastRetry;
            o.WindowWidth = 3;
            o.HeartbeatInterval = HeartbeatInterval ?? o.HeartbeatInterval;
        });
        if (Server is { } face)
        {
            services.AddAzureLogAnalytics(
                o =>
                {
                    o.Endpoint = face.Endpoint;
                    o.Transport = new HttpClientTransport(face.CreateTrustingHandler());
                },
                new StaticTokenCredential(Token));
        }
    }

    public void Compose(IServiceCollection services)
    {
        ComposeCore(services);
        services.AddLogIngestLocal(local =>
        {
            local.DatabasePath = Path.Combine(Folder, "state.db");
            local.LakeRoot = LakeRoot;
            local.Simulation = WorkspaceOptions(RowsPerDay);
        });
    }

    /// <summary>A backfill of OfficeActivity over whole UTC days from 2025-02-03, several windows a day.</summary>
    public LoadConfig Backfill(string id, int days, int parallelism = 2) => new()
    {
        Id = id,
        Table = "OfficeActivity",
        Source = Server is { } face ? new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = face.WorkspaceId } : new SourceSpec(),
        From = Start,
        To = Start.AddDays(days),
        Limits = new WindowLimits { MaxRows = (int)(RowsPerDay / 2), MinRows = (int)(RowsPerDay / 8) },
        Parallelism = parallelism,
    };

    public static DateTimeOffset Start { get; } = new(2025, 2, 3, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What the source holds over the config's range, counted by a workspace of its own.</summary>
    public Task<long> SourceRowsAsync(LoadConfig config) =>
        new SimulatedWorkspace(WorkspaceOptions(RowsPerDay), TimeProvider.System)
            .CountAsync(new LogWindowQuery(config.Table, TimeAxis.TimeGenerated, Interval.FromUtc(config.From!.Value, config.To!.Value)));

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a host being torn down; the temp folder is cleaned later.
        }
    }

    private sealed class StaticTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
