using System.CommandLine;
using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.Verification;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest demo</c>: the embedded default, end to end, with a reconciliation.</summary>
internal static class DemoCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object (run figures and reconciliation) and nothing else" };
        var command = new Command("demo",
            "Load a fixed 3 days of the simulated workspace's OfficeActivity table into the local lake (./.logingest), " +
            "with live progress, a summary and a reconciliation (source rows vs lake rows vs distinct keys). Run it again: 0 new windows.")
        {
            json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var asJson = parse.GetValue(json);
            var settings = common.Read(parse, environment);
            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Load);
            var config = DemoDefaults.Config;
            if (!asJson)
            {
                environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"demo: {config.Table} {Reports.Span(Interval.FromUtc(DemoDefaults.From, DemoDefaults.To))} from the simulated workspace (seed {settings.SimSeed}, ~{settings.SimRowsPerDay:N0} rows/day)"));
            }

            var outcome = await LoadSession.RunAsync(host, config, environment, asJson, store: true);
            var span = outcome.Summary.Requested ?? Interval.FromUtc(DemoDefaults.From, DemoDefaults.To);
            var reconciliation = await host.Get<LakeVerifier>().ReconcileAsync(config, TimeAxis.TimeGenerated, span);
            if (asJson)
            {
                var body = LoadSession.WithLocations(Reports.RunJson(outcome), host);
                foreach (var (key, value) in Reports.ReconciliationJson(reconciliation).ToList())
                {
                    body[key] = value?.DeepClone();
                }

                Reports.WriteJson(environment.Out, body);
            }
            else
            {
                Reports.WriteRun(environment.Out, outcome);
                Reports.WriteReconciliation(environment.Out, reconciliation);
            }

            if (outcome.ExitCode != ExitCodes.Ok)
            {
                return outcome.ExitCode;
            }

            return reconciliation.Exact ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
