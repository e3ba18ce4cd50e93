using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Local.Simulation;
using LogIngest.TestSupport.Servers;
using Xunit.Abstractions;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>
/// Randomized faults and kills with an independent checker, per seed (<see cref="ChaosSettings"/>): a
/// two-day <c>logingest backfill</c> runs as a child process against the simulated workspace's HTTP
/// face (random 429s with Retry-After, 503s, 504s, partial results, resets, slow bodies) and, through
/// fault-injecting proxies, Azurite (the Blob lake) and the Cosmos server (the state); it is SIGKILLed
/// one to three times and rerun until it reports success. Then the lake is read blob by blob from
/// Azurite with DuckDB and the checkpoints as JSON from the Cosmos server, never through the code
/// under test, and <c>verify --json</c> must say ok.
/// </summary>
public sealed class BackfillChaosTests(AzuriteFixture azurite, CosmosServerFixture cosmos, ITestOutputHelper output)
    : IClassFixture<AzuriteFixture>, IClassFixture<CosmosServerFixture>
{
    private const string Table = "OfficeActivity";

    [Fact]
    public Task Backfill_RandomFaultsAndKills_LakeHoldsEverySourceRowOnce() => ChaosRuns.RunSeedsAsync("backfill", output, SeedAsync);

    private async Task SeedAsync(int seed, ChaosTally tally)
    {
        var random = new Random(seed);
        var rowsPerDay = 1_000 + random.Next(2_000);
        var from = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(20)).AddHours(random.Next(2) * random.Next(24));
        var to = from.AddDays(2);
        var workspace = new SimulatedWorkspace(new SimulatedWorkspaceOptions { Seed = seed, OfficeActivityRowsPerDay = rowsPerDay }, TimeProvider.System);
        var serverOptions = new SimulatedServerOptions
        {
            FaultSeed = seed,
            RetryAfter = TimeSpan.FromSeconds(1),
            Faults = new SimulatedFaultRates { Throttle = 0.05, Unavailable = 0.04, GatewayTimeout = 0.03, PartialError = 0.04, ConnectionReset = 0.04, SlowBody = 0.05 },
        };
        await using var source = await SimulatedLogAnalyticsServer.StartAsync(workspace, serverOptions);
        using var sandbox = new CliSandbox();
        var certificate = sandbox.WriteFile("source-certificate.pem", source.Certificate!.ExportCertificatePem());
        await using var services = await ChaosServices.StartAsync(seed, azurite, cosmos, certificate);
        var (database, container) = ($"chaos{seed}b{Guid.NewGuid():N}"[..30], $"chaos{seed}b{Guid.NewGuid():N}"[..30]);
        string[] backfill =
        [
            "backfill", "--workspace-id", source.WorkspaceId, "--table", Table, "--la-endpoint", source.Endpoint.ToString(),
            "--from", Iso(from), "--to", Iso(to), "--state", "env:STATE_CS/" + database, "--lake", "env:LAKE_CS/" + container,
        ];
        var what = $"backfill seed {seed} [{Iso(from)}, {Iso(to)}) {rowsPerDay}/day";

        var done = await ChaosRuns.KillAndRerunAsync(what, sandbox, services, () => backfill, random, tally, output);

        // The checks read the servers directly, with the source's faults off.
        serverOptions.Faults = new SimulatedFaultRates();
        tally.Faults(source.Requests.Where(r => r.Fault != SimulatedFault.None).Select(r => "source " + r.Fault).Concat(services.FaultNames()));
        if (!done)
        {
            return;
        }

        var expected = await workspace.CountAsync(new LogWindowQuery(Table, TimeAxis.TimeGenerated, Interval.FromUtc(from, to)));
        tally.Checked(await BackfillCheck.RunAsync(azurite, cosmos, container, database, Table, from, to, expected), what);
        var verify = await ChaosRuns.RunCheckAsync(sandbox, services, source, ["verify", "--json", "--state", "env:STATE_CS/" + database, "--la-endpoint", source.Endpoint.ToString()]);
        if (!ChaosRuns.VerifiedOk(verify))
        {
            tally.Finding($"{what}: verify --json did not say ok: {verify}");
        }
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
