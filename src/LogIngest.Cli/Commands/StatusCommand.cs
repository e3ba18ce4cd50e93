using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest status [runId]</c>: configs and recent runs, or one run's audit rows and events.</summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var runId = new Argument<string?>("runId") { Description = "A run id to show in detail (default: every config and the recent runs)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object and nothing else" };
        var command = new Command("status", "Show stream watermarks, configs (status, watermark, last run) and recent runs, or the events of one run.")
        {
            runId,
            json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var asJson = parse.GetValue(json);
            var settings = common.Read(parse, environment);
            await using var services = CliHost.Build(settings);
            var state = services.GetRequiredService<IStateStore>();
            if (parse.GetValue(runId) is { } id)
            {
                var events = await state.ReadRunAsync(id);
                if (events.Count == 0)
                {
                    throw new InputException($"runId '{id}' has no events in {Path.Combine(settings.StateFolder, CliHost.DatabaseFileName)} (see: logingest status).");
                }

                var end = events.LastOrDefault(e => e.EventType == RunEventTypes.RunEnd);
                var status = end?.Status ?? RunStatus.Running;
                if (asJson)
                {
                    Reports.WriteJson(environment.Out, new JsonObject
                    {
                        ["run_id"] = id,
                        ["config_id"] = events[0].ConfigId,
                        ["status"] = status.ToString().ToUpperInvariant(),
                        ["events"] = new JsonArray([.. events.Select(EventJson)]),
                    });
                }
                else
                {
                    environment.Out.WriteLine($"run {id} of '{events[0].ConfigId}': {status.ToString().ToUpperInvariant()}");
                    foreach (var e in events)
                    {
                        environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {e.Timestamp:yyyy-MM-dd HH:mm:ss} {e.Level,-7} {e.EventType,-9} {e.Status?.ToString().ToUpperInvariant(),-9} {(e.Window is { } w ? Reports.Span(w) + " " : string.Empty)}{e.Message}{(e.Error is { } x ? $" [{x.Code}{(x.Retryable ? ", retryable" : string.Empty)}] {x.Message}" : string.Empty)}"));
                    }
                }

                return ExitCodes.Ok;
            }

            var configs = await state.ListConfigsAsync();
            var runs = await state.ListRecentRunsAsync(20);
            var streams = await StreamStatus.ReadAsync(services);
            if (asJson)
            {
                Reports.WriteJson(environment.Out, new JsonObject
                {
                    ["configs"] = new JsonArray([.. configs.Select(d => (JsonNode)new JsonObject
                    {
                        ["id"] = d.Id,
                        ["table"] = d.Config.Table,
                        ["mode"] = d.Config.Mode.ToString(),
                        ["source"] = d.Config.Source.Kind,
                        ["status"] = d.Status.ToString().ToUpperInvariant(),
                        ["watermark"] = d.Watermark?.ToString("O", CultureInfo.InvariantCulture),
                        ["last_run_id"] = d.LastRunId,
                    })]),
                    ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
                    {
                        ["run_id"] = r.RunId,
                        ["config_id"] = r.ConfigId,
                        ["status"] = r.Status.ToString().ToUpperInvariant(),
                        ["started_at"] = r.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                        ["ended_at"] = r.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
                    })]),
                    ["streams"] = StreamStatus.Json(streams),
                });
                return ExitCodes.Ok;
            }

            StreamStatus.Write(environment.Out, streams);
            if (configs.Count == 0)
            {
                environment.Out.WriteLine("no configs yet: try `logingest demo`");
                return ExitCodes.Ok;
            }

            environment.Out.WriteLine("configs");
            foreach (var d in configs)
            {
                environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {d.Id,-24} {d.Config.Table,-20} {d.Config.Mode,-11} {d.Status.ToString().ToUpperInvariant(),-9} watermark {d.Watermark?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}  last run {d.LastRunId ?? "-"}"));
            }

            environment.Out.WriteLine("recent runs");
            foreach (var r in runs)
            {
                environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.RunId,-48} {r.Status.ToString().ToUpperInvariant(),-9} started {r.StartedAt:yyyy-MM-dd HH:mm:ss}  ended {(r.EndedAt is { } e ? e.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-")}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonNode EventJson(RunEvent e) => new JsonObject
    {
        ["event_id"] = e.EventId,
        ["event_type"] = e.EventType,
        ["level"] = e.Level.ToString(),
        ["status"] = e.Status?.ToString().ToUpperInvariant(),
        ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        ["rows"] = e.Rows,
        ["bytes"] = e.Bytes,
        ["from"] = e.Window is { } w ? Reports.Time(w.Start) : null,
        ["to"] = e.Window is { } x ? Reports.Time(x.End) : null,
        ["message"] = e.Message,
        ["error"] = e.Error is { } err ? new JsonObject { ["code"] = err.Code, ["message"] = err.Message, ["retryable"] = err.Retryable } : null,
    };
}
