using System.CommandLine;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest backfill --table --from --to (--simulated | --workspace-id) [--flatten col]...</c>: a backfill config made from options, stored and run.</summary>
internal static class BackfillCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var options = new BackfillOptions(required: true);
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures and nothing else" };
        var command = new Command("backfill", "Load [--from, --to) of a table on TimeGenerated; running it again skips what is done.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(json);
        CommandActions.Set(command, environment, async parse =>
        {
            var asJson = parse.GetValue(json);
            var settings = common.Read(parse, environment);
            var config = options.Read(parse, out var requestedAs);
            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Load);
            var outcome = await LoadSession.RunAsync(host, config, environment, asJson, store: true, requestedAs: requestedAs);
            if (asJson)
            {
                Reports.WriteJson(environment.Out, LoadSession.WithLocations(Reports.RunJson(outcome), host));
            }
            else
            {
                Reports.WriteRun(environment.Out, outcome);
            }

            return outcome.ExitCode;
        });
        return command;
    }
}
