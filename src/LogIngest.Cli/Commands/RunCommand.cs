using System.CommandLine;
using System.Text.RegularExpressions;
using LogIngest.Core.Configuration;
using LogIngest.Core.Operations;
using LogIngest.Core.Ports;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest run --config &lt;file|id&gt;</c>: stores a config file (or takes a stored config by id) and runs it.</summary>
internal static partial class RunCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var config = new Option<string>("--config")
        {
            Description = "A config JSON file (stored, then run), or the id of a stored config",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures and nothing else" };
        var command = new Command("run", "Run one config: load what its range (backfill) or its watermark (incremental) asks for, skipping windows already done.")
        {
            config,
            json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var value = parse.GetValue(config)!;
            var asJson = parse.GetValue(json);
            var settings = common.Read(parse, environment);
            var path = environment.Resolve(value);

            // A config file is read and validated before any state is opened, so a bad one changes nothing.
            var loaded = File.Exists(path) ? await ConfigJson.LoadFileAsync(path) : null;
            if (loaded is null && !settings.State.Exists)
            {
                throw new InputException($"--config '{value}' is neither a config file nor the id of a stored config (there is no state in {settings.StateFolder} yet).");
            }

            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Load);
            var stored = loaded
                ?? (IdPattern().IsMatch(value) ? (await host.Get<IControlStore>().GetConfigAsync(value))?.Config : null)
                ?? throw new InputException($"--config '{value}' is neither a config file nor the id of a stored config (see: logingest status).");
            var outcome = await LoadSession.RunAsync(host, stored, environment, asJson, store: loaded is not null);

            // `run` is the CLI's daily load: like the timer on Azure, it prunes run history past its retention.
            var pruned = await host.Get<RunHistoryRetention>().PruneAsync();
            if (asJson)
            {
                var body = LoadSession.WithLocations(Reports.RunJson(outcome), host);
                body["pruned"] = new System.Text.Json.Nodes.JsonObject { ["events"] = pruned.Events, ["runs"] = pruned.Runs };
                Reports.WriteJson(environment.Out, body);
            }
            else
            {
                Reports.WriteRun(environment.Out, outcome);
                if (pruned.Events > 0 || pruned.Runs > 0)
                {
                    environment.Out.WriteLine($"pruned run history: {pruned.Events} events, {pruned.Runs} run summaries past their retention");
                }
            }

            return outcome.ExitCode;
        });
        return command;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
