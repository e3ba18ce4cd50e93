using System.CommandLine;
using System.Text.RegularExpressions;
using LogIngest.Core.Configuration;
using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

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
            if (!File.Exists(path) && !File.Exists(Path.Combine(settings.StateFolder, CliHost.DatabaseFileName)))
            {
                throw new InputException($"--config '{value}' is neither a config file nor the id of a stored config (there is no state in {settings.StateFolder} yet).");
            }

            // A config file is read and validated before any state exists, so a bad one changes nothing.
            var loaded = File.Exists(path) ? await ConfigJson.LoadFileAsync(path) : null;
            string configId;
            await using var services = CliHost.Build(settings);
            var runs = services.GetRequiredService<RunService>();
            if (loaded is not null)
            {
                configId = (await runs.SaveConfigAsync(loaded)).Id;
            }
            else if (IdPattern().IsMatch(value) && await services.GetRequiredService<IControlStore>().GetConfigAsync(value) is not null)
            {
                configId = value;
            }
            else
            {
                throw new InputException($"--config '{value}' is neither a config file nor the id of a stored config (see: logingest status).");
            }

            var outcome = await RunView.RunAsync(runs, configId, environment, asJson);
            if (asJson)
            {
                Reports.WriteJson(environment.Out, Reports.RunJson(outcome));
            }
            else
            {
                Reports.WriteRun(environment.Out, outcome);
            }

            return outcome.ExitCode;
        });
        return command;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
