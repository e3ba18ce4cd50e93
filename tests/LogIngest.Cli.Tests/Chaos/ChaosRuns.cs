using Azure.Core;
using LogIngest.Local.Simulation;
using Xunit.Abstractions;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>The part every chaos test shares: runs killed at random moments, reruns until success, and the CLI in process for the checks.</summary>
public static class ChaosRuns
{
    /// <summary>Unkilled reruns allowed after the kills; a seed still not done after them is a finding.</summary>
    public const int MaxReruns = 6;

    /// <summary>
    /// Runs <paramref name="seed"/> for every seed of <see cref="ChaosSettings"/>, reports the summary line,
    /// and fails on any finding, or when nothing was killed or no fault injected (that would prove nothing).
    /// </summary>
    public static async Task RunSeedsAsync(string name, ITestOutputHelper output, Func<int, ChaosTally, Task> seed)
    {
        var tally = new ChaosTally(name);

        await ChaosSettings.ForEachSeedAsync(s => seed(s, tally));

        ChaosSettings.Report(output, tally.Summary());
        Assert.True(tally.Findings.Count == 0, string.Join("\n\n", tally.Findings));
        Assert.True(tally.Injected is { Kills: > 0, Faults: > 0 }, tally.Summary());
    }

    /// <summary>
    /// One to three child runs SIGKILLed at a random moment (up to 3 s after the services first hear
    /// from it), then unkilled reruns until one exits 0. <paramref name="args"/> is asked anew for each
    /// run; <paramref name="between"/> runs between them. False (with a finding) when it never succeeds,
    /// refuses to start (exit 2) or hangs.
    /// </summary>
    public static async Task<bool> KillAndRerunAsync(string what, CliSandbox sandbox, ChaosServices services, Func<string[]> args, Random random,
        ChaosTally tally, ITestOutputHelper output, Action? between = null)
    {
        var kills = 1 + random.Next(3);
        var log = new List<string>();
        for (var attempt = 0; attempt < kills + MaxReruns; attempt++)
        {
            var killAt = attempt < kills ? TimeSpan.FromMilliseconds(random.Next(3_000)) : (TimeSpan?)null;
            var run = await ChaosProcess.RunAsync(sandbox, services.Environment(faulty: true), args(), killAt, () => services.Requests);
            tally.Run(run);
            var outcome = $"{what} run {attempt + 1}: {(run.Killed ? "killed" : "exit " + run.ExitCode)} after {run.Duration.TotalSeconds:0.0} s";
            output.WriteLine(outcome);
            log.Add($"--- {outcome}\n{run.Output}");
            if (!run.Killed && run.ExitCode is 2 or null)
            {
                tally.Finding($"{what}: a run {(run.ExitCode is null ? "hung" : "refused to start (exit 2)")}:\n{string.Join('\n', log)}");
                return false;
            }

            if (run.Succeeded && attempt >= kills)
            {
                return true;
            }

            between?.Invoke();
        }

        tally.Finding($"{what}: no success in {kills} killed runs and {MaxReruns} reruns:\n{string.Join('\n', log)}");
        return false;
    }

    /// <summary>
    /// The CLI in this process (a child run would only repeat .NET's start-up) for the checks, straight to
    /// the servers, with a token for the source's HTTP face when there is one.
    /// </summary>
    public static Task<CliResult> RunCheckAsync(CliSandbox sandbox, ChaosServices services, SimulatedLogAnalyticsServer? source, string[] args)
    {
        sandbox.Variables.Clear();
        foreach (var (name, value) in services.Environment(faulty: false))
        {
            sandbox.Variables[name] = value;
        }

        sandbox.Credential = new AnyToken();
        sandbox.LogAnalyticsTransport = source is null ? null : new global::Azure.Core.Pipeline.HttpClientTransport(source.CreateTrustingHandler());
        return sandbox.RunAsync(args);
    }

    /// <summary>True when <c>verify --json</c> said ok.</summary>
    public static bool VerifiedOk(CliResult verify) => verify.ExitCode == 0 && verify.Json().GetProperty("ok").GetBoolean();

    private sealed class AnyToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("chaos", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
