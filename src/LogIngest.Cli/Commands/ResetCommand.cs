using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Verification;

namespace LogIngest.Cli.Commands;

/// <summary>
/// <c>logingest reset --config &lt;id&gt; [--from --to]</c>: forgets the checkpoints of a span (whole
/// windows) and removes their lake files, so the next run of the config loads that span again.
/// Checkpoints go first: a reset cut short leaves files without checkpoints, which the rerun removes
/// as orphans, never checkpoints without files. Refused while the config's run is in flight.
/// </summary>
internal static class ResetCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var config = new Option<string>("--config") { Description = "The id of the config to reset", Required = true };
        var from = new Option<string>("--from") { Description = "First instant to forget (inclusive): YYYY-MM-DD or ISO-8601 UTC. Default: the config's first window" };
        var to = new Option<string>("--to") { Description = "Instant after the last one to forget (exclusive). Default: the config's last window" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object and nothing else" };
        var command = new Command("reset",
            "Forget the checkpoints of a span of a config (the whole windows that touch it) and remove their lake files, so the next `logingest run` loads it again.")
        {
            config, from, to, json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var id = parse.GetValue(config)!;
            var fromText = parse.GetValue(from);
            var toText = parse.GetValue(to);
            var start = fromText is null ? 0 : CliTime.Parse("--from", fromText).UtcTicks;
            var end = toText is null ? DateTime.MaxValue.Ticks : CliTime.Parse("--to", toText).UtcTicks;
            if (end <= start)
            {
                throw new InputException($"--to {toText} must be after --from {fromText}.");
            }

            var settings = common.Read(parse, environment);
            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Read);
            var control = host.Get<IControlStore>();
            var document = await control.GetConfigAsync(id)
                ?? throw new InputException($"--config '{id}' is not a stored config in {host.State.Display} (see: logingest status).");

            // The lock a run holds: a reset under a running load would forget windows it is about to checkpoint.
            using var locked = RunLock.Take(host.State, id, "reset");
            if (document.Status == RunStatus.Running && host.State.IsCosmos)
            {
                throw new InputException($"config '{id}' is RUNNING (run {document.LastRunId}); reset it once that run has ended.");
            }

            var axis = document.Config.Axis;
            var forgotten = await host.Get<ICheckpointStore>().ForgetWindowsAsync(id, axis, new Interval(start, end));
            var covered = IntervalSet.Of(forgotten.Select(f => f.Window)).Union(new Interval(start, end));
            var lake = host.Get<ILakeStore>();
            var removed = 0;
            foreach (var file in forgotten.SelectMany(f => f.Files).Distinct(StringComparer.Ordinal))
            {
                removed += await lake.DeleteAsync(file) ? 1 : 0;
            }

            // Files no checkpoint named (orphans of windows never finished) in the span go too.
            foreach (var file in await LakeTableFiles.ListAsync(lake, document.Config.Lake.Prefix, document.Config.Table))
            {
                if (file.Name.Axis == axis && !covered.Intersect(file.Name.Window).IsEmpty && await lake.DeleteAsync(file.Path))
                {
                    removed++;
                }
            }

            // An incremental load starts at its watermark: it must start no later than what was forgotten.
            if (axis == TimeAxis.IngestionTime && forgotten.Count > 0 && document.Watermark is { } watermark)
            {
                var earliest = new DateTimeOffset(forgotten.Min(f => f.Window.Start), TimeSpan.Zero);
                if (earliest < watermark)
                {
                    await control.UpdateConfigAsync(document with { Watermark = earliest });
                }
            }

            var span = forgotten.Count == 0 ? null : (Interval?)new Interval(forgotten.Min(f => f.Window.Start), forgotten.Max(f => f.Window.End));
            if (parse.GetValue(json))
            {
                Reports.WriteJson(environment.Out, new JsonObject
                {
                    ["config_id"] = id,
                    ["windows"] = forgotten.Count,
                    ["rows"] = forgotten.Sum(f => f.Rows),
                    ["files_removed"] = removed,
                    ["from"] = span is { } a ? Reports.Time(a.Start) : null,
                    ["to"] = span is { } b ? Reports.Time(b.End) : null,
                    ["state"] = host.State.Display,
                    ["lake"] = host.Lake.Display,
                });
            }
            else
            {
                environment.Out.WriteLine(forgotten.Count == 0 && removed == 0
                    ? $"reset '{id}': nothing is loaded in that span"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"reset '{id}': forgot {forgotten.Count} window(s) covering {Reports.Span(span)} on {axis} and removed {removed} lake file(s); `logingest run --config {id}` loads them again"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
