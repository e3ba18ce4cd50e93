using System.Globalization;
using LogIngest.TestSupport.Servers;
using Xunit.Abstractions;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>
/// The stream processor under the same chaos, per seed: <c>logingest stream --watch</c> as a child
/// process through the fault-injecting proxies, SIGKILLed one to three times mid-take (a rerun replays
/// the cut-short file with the same events), each run grouping the events into batches of another
/// size, more files arriving between runs, and one more replay of everything after success. Checked
/// by reading every bronze blob from Azurite with DuckDB: every event sent is there exactly once.
/// </summary>
public sealed class StreamChaosTests(AzuriteFixture azurite, CosmosServerFixture cosmos, ITestOutputHelper output)
    : IClassFixture<AzuriteFixture>, IClassFixture<CosmosServerFixture>
{
    private const string Hub = "chaos";

    [Fact]
    public Task Stream_RandomFaultsReplaysRegroupingAndKills_EveryEventOnceInTheLake() => ChaosRuns.RunSeedsAsync("stream", output, SeedAsync);

    private async Task SeedAsync(int seed, ChaosTally tally)
    {
        var random = new Random(seed);
        using var sandbox = new CliSandbox();
        await using var services = await ChaosServices.StartAsync(seed, azurite, cosmos, certificate: null);
        var inbox = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "inbox")).FullName;
        var (database, container) = ($"chaos{seed}s{Guid.NewGuid():N}"[..30], $"chaos{seed}s{Guid.NewGuid():N}"[..30]);
        var partitions = 1 + random.Next(4);
        var sent = new List<string>();
        var files = 0;

        // Files arrive between runs too, so a rerun replays a cut-short file beside new ones.
        void Arrive(int count)
        {
            for (var f = 0; f < count; f++)
            {
                var name = $"events-{files++:D3}.ndjson";
                var ids = Enumerable.Range(0, 200 + random.Next(600)).Select(i => $"{name}#{i}").ToList();
                sent.AddRange(ids);
                var path = Path.Combine(inbox, name);
                File.WriteAllLines(path, ids.Select(id => $$"""{"id":"{{id}}","level":{{random.Next(5)}},"msg":"{{new string('x', random.Next(200))}}"}"""));
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
            }
        }

        // Each run groups the events into batches of another size: a replay lands them regrouped.
        string[] Stream() =>
        [
            "stream", "--hub", Hub, "--watch", "inbox", "--once", "--settle", "0", "--partitions", partitions.ToString(CultureInfo.InvariantCulture),
            "--batch", (25 + random.Next(400)).ToString(CultureInfo.InvariantCulture), "--state", "env:STATE_CS/" + database, "--lake", "env:LAKE_CS/" + container,
        ];

        Arrive(1 + random.Next(3));
        var done = await ChaosRuns.KillAndRerunAsync($"stream seed {seed}", sandbox, services, Stream, random, tally, output, between: () => Arrive(random.Next(2)));
        if (done)
        {
            // A replay of everything after success lands nothing, faults and all.
            var replay = await ChaosProcess.RunAsync(sandbox, services.Environment(faulty: true), Stream(), killAfterStart: null, () => services.Requests);
            tally.Run(replay);
            var what = $"stream seed {seed} ({partitions} partitions, {files} files, {sent.Count} events)";
            if (!replay.Succeeded || !replay.Output.Contains(" 0 events, 0 landed", StringComparison.Ordinal))
            {
                tally.Finding($"{what}: the replay after success did not land nothing (exit {replay.ExitCode}):\n{replay.Output}");
            }

            tally.Checked(await StreamCheck.RunAsync(azurite, container, Hub, sent), what);
            var verify = await ChaosRuns.RunCheckAsync(sandbox, services, source: null, ["verify", "--no-source", "--json", "--state", "env:STATE_CS/" + database]);
            if (!ChaosRuns.VerifiedOk(verify))
            {
                tally.Finding($"{what}: verify --json did not say ok: {verify}");
            }
        }

        tally.Faults(services.FaultNames());
    }
}
