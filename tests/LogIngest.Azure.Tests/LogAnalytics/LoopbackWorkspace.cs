using Azure.Core.Pipeline;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Model;
using LogIngest.Local.Simulation;

namespace LogIngest.Azure.Tests.LogAnalytics;

/// <summary>A simulated workspace, its HTTP face on loopback and a client pointed at it.</summary>
internal sealed class LoopbackWorkspace : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 3, 20, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTime Day = new(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    private LoopbackWorkspace(SimulatedWorkspace workspace, SimulatedLogAnalyticsServer server, LogAnalyticsClient client, FakeCredential credential)
    {
        Workspace = workspace;
        Server = server;
        Client = client;
        Credential = credential;
    }

    public SimulatedWorkspace Workspace { get; }

    public SimulatedLogAnalyticsServer Server { get; }

    public LogAnalyticsClient Client { get; }

    public FakeCredential Credential { get; }

    public static async Task<LoopbackWorkspace> StartAsync(
        Action<SimulatedWorkspaceOptions>? workspace = null,
        Action<SimulatedServerOptions>? server = null,
        Action<LogAnalyticsOptions>? client = null)
    {
        var workspaceOptions = new SimulatedWorkspaceOptions { Seed = 3, OfficeActivityRowsPerDay = 20_000, HeartbeatRowsPerDay = 5_000 };
        workspace?.Invoke(workspaceOptions);
        var simulated = new SimulatedWorkspace(workspaceOptions, new FixedClock(Now));
        var serverOptions = new SimulatedServerOptions();
        server?.Invoke(serverOptions);
        var face = await SimulatedLogAnalyticsServer.StartAsync(simulated, serverOptions);
        var clientOptions = new LogAnalyticsOptions { Endpoint = face.Endpoint, WorkspaceId = face.WorkspaceId, Transport = new HttpClientTransport(face.CreateTrustingHandler()) };
        client?.Invoke(clientOptions);
        var credential = new FakeCredential();
        return new LoopbackWorkspace(simulated, face, new LogAnalyticsClient(credential, clientOptions), credential);
    }

    public static LogWindowQuery Office(TimeSpan start, TimeSpan length) =>
        new("OfficeActivity", TimeAxis.TimeGenerated, Interval.FromUtc(Day + start, Day + start + length));

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
