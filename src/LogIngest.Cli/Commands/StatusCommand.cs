using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Operations;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest status [runId]</c>: configs and recent runs, or one run's audit rows and events.</summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var runId = new Argument<string?>("runId") { Description = "A run id to show in detail (default: every config and the recent runs)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object and nothing else" };
        var file = new Option<string?>("--file") { Description = "A lake file: who wrote it (run, config, window, query, when), from its footer checked against the checkpoints and the audit" };
        var command = new Command("status", "Show stream watermarks, configs (status, watermark, last run), recent runs and KPIs, the events of one run, or who wrote a lake file.")
        {
            runId,
            json,
            file,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var asJson = parse.GetValue(json);
            var settings = common.Read(parse, environment);
            if (!settings.State.Exists)
            {
                // Status never creates state: an empty folder has nothing to show.
                if (parse.GetValue(runId) is { } unknown)
                {
                    throw new InputException($"runId '{unknown}' has no events: there is no state in {settings.StateFolder} (see: logingest status).");
                }

                if (parse.GetValue(file) is { } path)
                {
                    throw new InputException($"--file {path}: there is no state in {settings.StateFolder} to trace it against; give --state the state that loaded the lake.");
                }

                if (asJson)
                {
                    Reports.WriteJson(environment.Out, new JsonObject { ["state"] = settings.State.Display, ["configs"] = new JsonArray(), ["runs"] = new JsonArray(), ["kpis"] = OperationsStatus.KpisJson(new RunKpiReport(DateTimeOffset.UtcNow, [])) });
                }
                else
                {
                    environment.Out.WriteLine($"no state in {settings.StateFolder} yet: try `logingest demo`");
                }

                return ExitCodes.Ok;
            }

            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Read);
            var state = host.Get<IStateStore>();
            if (parse.GetValue(file) is { } lakeFile)
            {
                var lineage = await host.Get<FileLineage>().TraceAsync(await OperationsStatus.LakeKeyAsync(lakeFile, host, environment));
                if (asJson)
                {
                    Reports.WriteJson(environment.Out, OperationsStatus.LineageJson(lineage));
                }
                else
                {
                    OperationsStatus.WriteLineage(environment.Out, lineage);
                }

                return lineage.Agrees ? ExitCodes.Ok : ExitCodes.Failed;
            }

            if (parse.GetValue(runId) is { } id)
            {
                var events = await state.ReadRunAsync(id);
                if (events.Count == 0)
                {
                    throw new InputException($"runId '{id}' has no events in {settings.State.Display} (see: logingest status).");
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
                            $"  {e.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {e.Level,-7} {e.EventType,-9} {e.Status?.ToString().ToUpperInvariant(),-9} {(e.Window is { } w ? Reports.Span(w) + " " : string.Empty)}{e.Message}{(e.Error is { } x ? $" [{x.Code}{(x.Retryable ? ", retryable" : string.Empty)}] {x.Message}" : string.Empty)}"));
                    }
                }

                return ExitCodes.Ok;
            }

            var configs = await state.ListConfigsAsync();
            var runs = await state.ListRecentRunsAsync(20);
            var liveness = (await host.Get<RunHealth>().CheckAsync(runs)).ToDictionary(l => l.RunId, StringComparer.Ordinal);
            var schemas = new Dictionary<string, FlattenSchema>(StringComparer.Ordinal);
            foreach (var d in configs.Where(d => d.Config.Flatten.Count > 0))
            {
                schemas[d.Id] = await state.GetFlattenSchemaAsync(d.Id);
            }

            var streams = await StreamStatus.ReadAsync(host.Services);
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
                        ["flatten_schema"] = schemas.TryGetValue(d.Id, out var schema) ? SchemaJson(schema) : null,
                    })]),
                    ["runs"] = new JsonArray([.. runs.Select(r =>
                    {
                        var run = new JsonObject
                        {
                            ["run_id"] = r.RunId,
                            ["config_id"] = r.ConfigId,
                            ["status"] = r.Status.ToString().ToUpperInvariant(),
                            ["started_at"] = r.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                            ["ended_at"] = r.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
                        };
                        OperationsStatus.AddRunFields(run, r, liveness.GetValueOrDefault(r.RunId));
                        return (JsonNode)run;
                    })]),
                    ["streams"] = StreamStatus.Json(streams),
                    ["kpis"] = OperationsStatus.KpisJson(await host.Get<RunKpis>().ComputeAsync()),
                });
                return ExitCodes.Ok;
            }

            var console = StatusTable.Console(environment);
            if (streams.Count > 0)
            {
                environment.Out.WriteLine("streams");
                console.Write(StatusTable.Streams(streams));
            }

            if (configs.Count == 0)
            {
                environment.Out.WriteLine("no configs yet: try `logingest demo`");
                return ExitCodes.Ok;
            }

            environment.Out.WriteLine($"state {host.State.Display} (lake {host.Lake.Display}); times in UTC");
            console.Write(StatusTable.Configs(configs));

            foreach (var (configId, schema) in schemas.Where(s => s.Value.Version > 0))
            {
                environment.Out.WriteLine($"flatten schema of '{configId}': version {schema.Version}, {schema.Keys.Count} flattened column(s)");
                foreach (var change in SchemaEvents(schema))
                {
                    environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  v{change.Key,-3} from {Reports.Time(change.First().AddedForWindowStart)} (run {change.First().AddedByRun}): + {string.Join(", ", change.Select(k => k.Column + "." + k.Key))}"));
                }
            }

            environment.Out.WriteLine("recent runs");
            console.Write(StatusTable.Runs(runs, r => ((r.SlaMissed == true ? "SLA missed" : string.Empty) + OperationsStatus.Flag(liveness.GetValueOrDefault(r.RunId))).Trim()));

            return ExitCodes.Ok;
        });
        return command;
    }

    // One schema event per version: the keys it added, the window that met them first and its run.
    private static IEnumerable<IGrouping<int, FlattenKey>> SchemaEvents(FlattenSchema schema) =>
        schema.Keys.GroupBy(k => k.AddedInVersion).OrderBy(g => g.Key);

    private static JsonObject SchemaJson(FlattenSchema schema) => new()
    {
        ["version"] = schema.Version,
        ["keys"] = new JsonArray([.. schema.Keys.Select(k => (JsonNode)(k.Column + "." + k.Key))]),
        ["events"] = new JsonArray([.. SchemaEvents(schema).Select(g => (JsonNode)new JsonObject
        {
            ["version"] = g.Key,
            ["added"] = new JsonArray([.. g.Select(k => (JsonNode)(k.Column + "." + k.Key))]),
            ["run_id"] = g.First().AddedByRun,
            ["window_start"] = Reports.Time(g.First().AddedForWindowStart),
            ["at"] = g.First().AddedAt.ToString("O", CultureInfo.InvariantCulture),
        })]),
    };

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
        ["parent_run_id"] = e.ParentRunId,
        ["sla_missed"] = e.SlaMissed,
        ["error"] = e.Error is { } err ? new JsonObject { ["code"] = err.Code, ["message"] = err.Message, ["retryable"] = err.Retryable } : null,
    };
}
