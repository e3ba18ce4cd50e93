using System.CommandLine;
using LogIngest.Core.Ports;
using LogIngest.Core.Streaming;
using LogIngest.Core.Verification;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest verify</c>: lake vs checkpoints vs source; exit 1 on any finding.</summary>
internal static class VerifyCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var config = new Option<string>("--config") { Description = "Verify only this config id (default: every config)" };
        var noSource = new Option<bool>("--no-source") { Description = "Skip the source counts (no queries)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object { ok, findings, ... } and nothing else" };
        var command = new Command("verify",
            "Check the lake against the checkpoints and the source: missing or unrecorded files, overlapping files (stream files of a partition included), rows per window, source counts, duplicate keys. Exit 1 on any finding.")
        {
            config,
            noSource,
            json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var settings = common.Read(parse, environment);
            VerificationReport report;
            if (!settings.State.Exists)
            {
                // Verify never creates state: a folder without state has nothing to check.
                report = parse.GetValue(config) is { } id
                    ? throw new InputException($"--config '{id}': there is no state in {settings.StateFolder}, so no config '{id}' (see: logingest status).")
                    : new VerificationReport { Skipped = [$"no state in {settings.StateFolder}"] };
            }
            else
            {
                await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Read);
                report = await host.Get<LakeVerifier>().VerifyAsync(parse.GetValue(config), !parse.GetValue(noSource));
                if (parse.GetValue(config) is null)
                {
                    // The stream's bronze files belong to no config: checked whenever every config is.
                    var streams = await StreamInventory.ReadAsync(host.Get<ILakeStore>());
                    report = report with { Findings = [.. report.Findings, .. streams.Overlaps()], Files = report.Files + streams.Files.Count };
                }
            }

            if (parse.GetValue(json))
            {
                Reports.WriteJson(environment.Out, Reports.VerificationJson(report));
            }
            else
            {
                Reports.WriteVerification(environment.Out, report);
            }

            return report.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
