using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LogIngest.Core.Capacity;
using LogIngest.Core.Configuration;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Local.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LogIngest.Cli.Commands;

/// <summary>
/// <c>logingest plan</c>: projects a backfill without loading it (<see cref="BackfillSimulation"/>): the real
/// planning asks the source its histograms, the real workflows run in virtual time with a cost model.
/// Stores nothing and writes nothing: the state is only read (its checkpoints, a stored config), and never created.
/// </summary>
internal static partial class PlanCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var options = new BackfillOptions(required: false);
        var config = new Option<string>("--config") { Description = "Plan a config JSON file, or a stored config by id, instead of --table/--from/--to" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the projection and nothing else" };
        var command = new Command(
            "plan",
            "Project a backfill without loading it: windows, queries, activities and the wall time at the configured query slots. " +
            "Asks the source histogram queries only; stores and writes nothing.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(config);
        command.Options.Add(json);
        CommandActions.Set(command, environment, async parse =>
        {
            var settings = common.Read(parse, environment);
            var configValue = parse.GetValue(config);
            LoadConfig? given = null;
            if (configValue is null)
            {
                given = options.Read(parse, out _);
            }
            else if (options.AnyGiven(parse))
            {
                throw new InputException("give either --config or --table/--from/--to (with their source), not both.");
            }
            else if (File.Exists(environment.Resolve(configValue)))
            {
                given = await ConfigJson.LoadFileAsync(environment.Resolve(configValue));
            }

            var stateExists = settings.State.Exists;
            if (given is null && !stateExists)
            {
                throw new InputException($"--config '{configValue}' is neither a config file nor the id of a stored config (there is no state in {settings.StateFolder} yet).");
            }

            // A state that does not exist is not opened for reading (that would refuse) and is never created:
            // plan resolves no store then, and never binds the lake.
            await using var host = await CliHost.OpenAsync(settings, environment, stateExists ? HostUse.Read : HostUse.Load);
            var stored = stateExists && (given?.Id ?? configValue) is { } id && IdPattern().IsMatch(id)
                ? await host.Get<IControlStore>().GetConfigAsync(id)
                : null;
            var plan = given ?? stored?.Config
                ?? throw new InputException($"--config '{configValue}' is neither a config file nor the id of a stored config (see: logingest status).");
            ConfigSaving.ThrowIfOtherData(stored, plan);
            var coverage = stored is null ? [] : (await host.Get<ICheckpointStore>().GetCoverageAsync(plan.Id, plan.Axis)).Intervals;
            var now = host.Get<TimeProvider>().GetUtcNow();
            var hostOptions = host.Get<LogIngestOptions>();
            var capacity = new LogIngestOptions { MaxConcurrentQueries = QuerySlots(host), WindowWidth = hostOptions.WindowWidth, Retry = hostOptions.Retry };

            var provider = host.Services.GetServices<ILogSourceProvider>().LastOrDefault(p => p.Kind == plan.Source.Kind)
                ?? throw new LogIngestException(ErrorCodes.ConfigInvalid, $"source.kind '{plan.Source.Kind}' of config '{plan.Id}' is not served here.");

            // Planning asks the source directly, capped at the query slots in this process (like the preflight, it
            // leases no app-wide slot: those live in the state, which plan must not change).
            using var gate = new QueryGate(capacity.MaxConcurrentQueries);
            BackfillProjection projection;
            string modelSource;
            var source = provider.Create(plan);
            if (source is SimulatedWorkspace simulated)
            {
                // The simulator's own model, charged in virtual time; its histograms are asked of an instant view.
                projection = await new BackfillSimulation(gate.Wrap(simulated.WithLatency(QueryCostModel.None)), simulated.Latency, capacity)
                    .ProjectAsync(plan, coverage, now, stored?.Watermark, environment.AbortToken);
                modelSource = "the simulated workspace's --sim-latency";
            }
            else
            {
                projection = await BackfillSimulation.ProjectFittedAsync(
                    gate.Wrap(source), QueryCostModel.ServiceLike.ReturnSecondsPerMillionRows, plan, coverage, now, stored?.Watermark, capacity, environment.AbortToken);
                modelSource = $"fitted to {projection.Measured.Count} timed histogram queries; rows returned at the assumed {QueryCostModel.ServiceLike.ReturnSecondsPerMillionRows:0.#} s per million";
            }

            if (projection.Requested is null)
            {
                throw new InputException($"nothing to load: the range lies wholly after now − settleDelay ({plan.SettleDelay}); pick a range that ends earlier.");
            }

            if (parse.GetValue(json))
            {
                Reports.WriteJson(environment.Out, Json(plan, projection, modelSource, host));
            }
            else
            {
                WriteTable(environment, plan, projection, modelSource);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // A query passes this process's cap and then an app-wide slot: the lower of the two bounds the run.
    private static int QuerySlots(CliServices host) => Math.Min(
        host.Get<LogIngestOptions>().MaxConcurrentQueries,
        host.Get<Microsoft.Extensions.Options.IOptions<QuerySlotOptions>>().Value.MaxConcurrentQueries);

    private static JsonObject Json(LoadConfig config, BackfillProjection p, string modelSource, CliServices host) => new()
    {
        ["config_id"] = config.Id,
        ["table"] = config.Table,
        ["axis"] = config.Axis.ToString(),
        ["requested_from"] = Reports.Time(p.Requested!.Value.Start),
        ["requested_to"] = Reports.Time(p.Requested!.Value.End),
        ["gap_hours"] = Hours(TimeSpan.FromTicks(p.GapTicks)),
        ["ranges"] = p.Ranges,
        ["windows"] = p.Windows,
        ["expected_splits"] = p.ExpectedSplits,
        ["rows_estimated"] = p.EstimatedRows,
        ["bytes_estimated"] = p.EstimatedBytes,
        ["queries"] = p.Queries,
        ["histogram_queries"] = p.HistogramQueries,
        ["count_queries"] = p.CountQueries,
        ["window_queries"] = p.WindowQueries,
        ["activities"] = p.ActivityCalls,
        ["activities_by_name"] = new JsonObject([.. p.Activities.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        ["query_slots"] = p.QuerySlots,
        ["query_hours"] = Hours(p.QueryTime),
        ["projected_hours"] = Hours(p.Projected),
        ["bound_hours"] = Hours(p.Bound),
        ["projected_seconds"] = Math.Round(p.Projected.TotalSeconds, 3),
        ["bound_seconds"] = Math.Round(p.Bound.TotalSeconds, 3),
        ["model"] = new JsonObject
        {
            ["source"] = modelSource,
            ["per_query_seconds"] = Math.Round(p.Model.PerQuery.TotalSeconds, 6),
            ["scan_seconds_per_million_rows"] = p.Model.ScanSecondsPerMillionRows,
            ["return_seconds_per_million_rows"] = p.Model.ReturnSecondsPerMillionRows,
        },
        ["measured_queries"] = p.Measured.Count,
        ["took_seconds"] = Math.Round(p.Took.TotalSeconds, 3),
        ["state"] = host.State.Display,
    };

    private static void WriteTable(CliEnvironment environment, LoadConfig config, BackfillProjection p, string modelSource)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Out),
            Ansi = environment.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var table = new Table().Border(TableBorder.Rounded).Title($"plan of '{Markup.Escape(config.Id)}' ({Markup.Escape(config.Table)}): nothing loaded, nothing stored");
        table.AddColumn("");
        table.AddColumn("projection");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("requested", $"{Reports.Span(p.Requested)} on {config.Axis}");
        Row("to load", Invariant($"{Hours(TimeSpan.FromTicks(p.GapTicks)):0.##} h not yet checkpointed, in {p.Ranges} range(s)"));
        Row("windows", Invariant($"{p.Windows:N0} ({p.ExpectedSplits:N0} re-planned as expected)"));
        Row("rows (estimated)", Invariant($"{p.EstimatedRows:N0} ({p.EstimatedBytes / 1e9:0.##} GB at the source's estimate)"));
        Row("queries", Invariant($"{p.Queries:N0} ({p.HistogramQueries:N0} histogram, {p.CountQueries:N0} count, {p.WindowQueries:N0} window)"));
        Row("activities", Invariant($"{p.ActivityCalls:N0} ({string.Join(", ", p.Activities.OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Value:N0} {a.Key}"))})"));
        Row("cost model", $"{p.Model} ({modelSource})");
        Row("query time", $"{Duration(p.QueryTime)} summed over queries");
        Row("projected wall time", $"{Duration(p.Projected)} with {p.QuerySlots} query slots (the real workflows in virtual time)");
        Row("bound", $"{Duration(p.Bound)}: the query time over {p.QuerySlots} slots (the API runs 5 queries at once per identity)");
        Row("took", Invariant($"{p.Took.TotalSeconds:0.##} s ({p.Measured.Count} planning queries asked)"));
        console.Write(table);
    }

    private static double Hours(TimeSpan span) => Math.Round(span.TotalHours, 4);

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes < 1 ? Invariant($"{span.TotalSeconds:0.#} s")
        : span.TotalHours < 1 ? Invariant($"{span.TotalMinutes:0.#} min")
        : Invariant($"{span.TotalHours:0.##} h ({span.TotalDays:0.##} days)");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
