namespace LogIngest.Local.Simulation;

/// <summary>How the HTTP face of a <see cref="SimulatedWorkspace"/> behaves; defaults follow the real service.</summary>
public sealed class SimulatedServerOptions
{
    /// <summary>The workspace id the server answers to; any other id gets a 403. Default a fixed GUID.</summary>
    public string WorkspaceId { get; set; } = "5e1a7ed0-0000-4000-8000-00000000000a";

    /// <summary>
    /// Serve HTTPS with a self-signed certificate made at start (default true): Azure.Core sends bearer
    /// tokens only over TLS. Clients trust it through <see cref="SimulatedLogAnalyticsServer.CreateTrustingHandler"/>.
    /// </summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Most rows in one result. Default 500,000.</summary>
    public long MaxResultRows { get; set; } = 500_000;

    /// <summary>Most bytes of row JSON in one result (the service's ~100 MiB raw). Default 104,857,600.</summary>
    public long MaxResultBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// When a result hits a cap: false (default) adds <c>error.code = PartialError</c> as the service
    /// does; true stops at the cap without saying so, to prove a client still notices.
    /// </summary>
    public bool SilentTruncation { get; set; }

    /// <summary>Send <c>dynamic</c> values as JSON objects instead of JSON-encoded strings (the service does both).</summary>
    public bool DynamicAsObject { get; set; }

    /// <summary>Time before a query starts answering. Default none.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Queries running at once, as the service allows per user. Default 5.</summary>
    public int MaxConcurrentQueries { get; set; } = 5;

    /// <summary>Queries waiting for a slot before the next is refused with 429. Default 200.</summary>
    public int MaxQueuedQueries { get; set; } = 200;

    /// <summary>How long a query may wait for a slot before it is refused with 429. Default 3 min.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The <c>Retry-After</c> sent with 429 and 503. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The pause after each flushed chunk (~32 KiB) of rows of a <see cref="SimulatedFault.SlowBody"/> answer. Default 100 ms.</summary>
    public TimeSpan SlowBodyPause { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Random faults per query.</summary>
    public SimulatedFaultRates Faults { get; set; } = new();

    /// <summary>Seeds the fault draws: the n-th query of a server gets the same draw every run.</summary>
    public long FaultSeed { get; set; } = 1;

    /// <summary>Faults for the first queries, in order, before the random ones apply (<see cref="SimulatedFault.None"/> answers normally).</summary>
    public IList<SimulatedFault> ScriptedFaults { get; } = [];
}
