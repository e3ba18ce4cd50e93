using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Configuration;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Cli.Commands;

/// <summary>
/// <c>logingest config example|schema|list|show|delete</c>: write a config file, see the stored ones,
/// forget one. Reading commands never create state.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var command = new Command("config", "Write, list, show and delete configs (the files `run --config` takes).");
        command.Subcommands.Add(Example(environment));
        command.Subcommands.Add(Schema(environment));
        command.Subcommands.Add(List(common, environment));
        command.Subcommands.Add(Show(common, environment));
        command.Subcommands.Add(Delete(common, environment));
        return command;
    }

    private static Command Example(CliEnvironment environment)
    {
        var workspace = new Option<string>("--workspace-id") { Description = "Read this Log Analytics workspace (GUID) instead of the simulated one" };
        var command = new Command("example", "Print a complete config that `run --config` accepts as it is (the simulated workspace, unless --workspace-id).")
        {
            workspace,
        };
        CommandActions.Set(command, environment, parse =>
        {
            var example = JsonNode.Parse(ConfigFiles.Example)!.AsObject();
            if (parse.GetValue(workspace) is { } id)
            {
                if (!Guid.TryParseExact(id, "D", out _))
                {
                    throw new InputException($"--workspace-id '{id}' is not a workspace id: give the workspace's GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
                }

                example["source"] = new JsonObject { ["kind"] = SourceKinds.LogAnalytics, ["workspaceId"] = id };
            }

            Reports.WriteJson(environment.Out, example);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command Schema(CliEnvironment environment)
    {
        var command = new Command("schema", "Print the JSON Schema of the config file (schemas/load-config.schema.json), for editors and validators.");
        CommandActions.Set(command, environment, async _ =>
        {
            await environment.Out.WriteLineAsync(ConfigFiles.Schema.TrimEnd());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommonOptions common, CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object { configs: [...] } and nothing else" };
        var command = new Command("list", "List the stored configs: table, mode, source, range or watermark, status, last run.") { json };
        CommandActions.Set(command, environment, async parse =>
        {
            var settings = common.Read(parse, environment);
            var configs = settings.State.Exists ? await WithStateAsync(settings, environment, s => s.GetRequiredService<IControlStore>().ListConfigsAsync()) : [];
            if (parse.GetValue(json))
            {
                Reports.WriteJson(environment.Out, new JsonObject { ["configs"] = new JsonArray([.. configs.Select(ConfigJsonLine)]) });
                return ExitCodes.Ok;
            }

            if (configs.Count == 0)
            {
                await environment.Out.WriteLineAsync($"no configs in {settings.StateFolder}: write one with `logingest config example > my.json`, then `logingest run --config my.json`");
                return ExitCodes.Ok;
            }

            foreach (var d in configs)
            {
                var span = d.Config.Mode == LoadMode.Backfill
                    ? $"[{Time(d.Config.From)}, {Time(d.Config.To)})"
                    : $"watermark {Time(d.Watermark)}";
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{d.Id,-24} {d.Config.Table,-20} {d.Config.Mode.ToString().ToLowerInvariant(),-11} {d.Config.Source.Kind,-12} {d.Status.ToString().ToUpperInvariant(),-9} {span}  last run {d.LastRunId ?? "-"}{(d.Config.Enabled ? string.Empty : "  (disabled)")}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommonOptions common, CliEnvironment environment) =>
        OnStoredConfig("show", "Print a stored config as a file `run --config` accepts (edit it and run it to change the config).", common, environment, async (settings, configId) =>
        {
            var document = await WithStateAsync(settings, environment, s => s.GetRequiredService<IControlStore>().GetConfigAsync(configId))
                ?? throw NotStored(configId, settings);
            await environment.Out.WriteLineAsync(ConfigJson.Serialize(document.Config));
            return ExitCodes.Ok;
        });

    private static Command Delete(CommonOptions common, CliEnvironment environment) =>
        OnStoredConfig("delete", "Forget a config and its checkpoints (refused while it runs). Its lake files and run history stay.", common, environment, async (settings, configId) =>
        {
            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Read);
            var document = await host.Get<IControlStore>().GetConfigAsync(configId) ?? throw NotStored(configId, settings);

            // A run of it in another process holds its run lock; one in this process is refused by the launcher.
            using var locked = RunLock.Take(host.State, configId, "config delete");
            try
            {
                await host.Get<RunService>().DeleteConfigAsync(configId);
            }
            catch (LogIngestException refused) when (refused.Code == ErrorCodes.Conflict)
            {
                throw new InputException($"id '{configId}': {refused.Message}");
            }

            var folder = $"{host.Lake.Display.TrimEnd('/')}/{document.Config.Lake.Prefix}/{document.Config.Table}";
            await environment.Out.WriteLineAsync($"deleted config '{configId}' and its checkpoints; its lake files ({folder}) and run history stay.");
            return ExitCodes.Ok;
        });

    // A command on one stored config id; without state there is none, and none is created.
    private static Command OnStoredConfig(string name, string description, CommonOptions common, CliEnvironment environment, Func<HostSettings, string, Task<int>> action)
    {
        var id = new Argument<string>("id") { Description = "The config id" };
        var command = new Command(name, description) { id };
        CommandActions.Set(command, environment, parse =>
        {
            var settings = common.Read(parse, environment);
            var configId = parse.GetValue(id)!;
            return settings.State.Exists ? action(settings, configId) : throw NotStored(configId, settings);
        });
        return command;
    }

    private static InputException NotStored(string configId, HostSettings settings) =>
        new($"id '{configId}' is not a stored config in {settings.StateFolder} (see: logingest config list).");

    private static async Task<T> WithStateAsync<T>(HostSettings settings, CliEnvironment environment, Func<IServiceProvider, Task<T>> read)
    {
        await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Read);
        return await read(host.Services);
    }

    private static JsonNode ConfigJsonLine(ControlDocument d) => new JsonObject
    {
        ["id"] = d.Id,
        ["table"] = d.Config.Table,
        ["mode"] = d.Config.Mode.ToString().ToLowerInvariant(),
        ["source"] = d.Config.Source.Kind,
        ["from"] = d.Config.From is { } f ? Time(f) : null,
        ["to"] = d.Config.To is { } t ? Time(t) : null,
        ["status"] = d.Status.ToString().ToUpperInvariant(),
        ["watermark"] = d.Watermark is { } w ? Time(w) : null,
        ["last_run_id"] = d.LastRunId,
        ["enabled"] = d.Config.Enabled,
    };

    private static string Time(DateTimeOffset? time) => time is { } t ? Reports.Time(t.UtcTicks) : "-";
}
