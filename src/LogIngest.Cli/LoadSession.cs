using System.Text.Json.Nodes;
using LogIngest.Core.Configuration;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.Cli;

/// <summary>
/// The one sequence of every loading command (demo, run, backfill): say where state and lake are,
/// check what the source can tell before anything is stored (the range left after now − settleDelay,
/// the table, the filter, flatten, whether the lake answers), take the config's run lock, remember the lake, store the config,
/// and run it with live progress.
/// </summary>
internal static class LoadSession
{
    /// <summary>Runs the sequence; <paramref name="requestedAs"/> is how the user wrote the range, echoed in messages (null: the config's).</summary>
    public static async Task<RunOutcome> RunAsync(CliServices host, LoadConfig config, CliEnvironment environment, bool json, bool store, string? requestedAs = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        if (!json)
        {
            WriteLocations(environment.Out, host);
        }

        // Refusals against the stored configs come before the source is asked and the lake is touched.
        var stored = host.StateExists ? await ConfigSaving.ThrowIfClashesAsync(host.Get<IControlStore>(), config) : null;
        var range = await host.Get<RunPreflight>().CheckAsync(config, stored?.Watermark);
        if (config.Mode == LoadMode.Backfill)
        {
            var asked = requestedAs ?? $"[{Reports.Time(config.From!.Value.UtcTicks)}, {Reports.Time(config.To!.Value.UtcTicks)})";
            var settled = Reports.Time(range.Span.End);
            if (range.IsEmpty)
            {
                throw new InputException(
                    $"nothing to load: {asked} lies wholly after now − settleDelay ({Reports.Time(range.Span.Start)}, settleDelay {config.SettleDelay}); rows of the last {config.SettleDelay} may still arrive, so they are never loaded as done. Pick a range that ends earlier.");
            }

            if (range.ClampedAtNow)
            {
                await environment.Error.WriteLineAsync(
                    $"note: {asked} reaches past now − settleDelay: this run loads up to {settled} (UTC); run it again later for the rest.");
            }
        }

        // Ask the lake once before storing anything: a missing login or a refused container is said here, not once per window.
        await host.Get<ILakeStore>().ExistsAsync("logingest-probe");
        var runs = host.Get<RunService>();
        var runId = runs.NewRunId(config.Id);
        using var running = RunLock.Take(host.State, config.Id, runId);
        await host.BindLakeAsync();
        if (store)
        {
            await runs.SaveConfigAsync(config);
        }

        return await RunView.RunAsync(runs, config.Id, environment, json, runId);
    }

    /// <summary>The locations every loading command prints first.</summary>
    public static void WriteLocations(TextWriter output, CliServices host)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(host);
        output.WriteLine($"state {host.State.Display}");
        output.WriteLine($"lake  {host.Lake.Display}");
    }

    /// <summary>The locations in a --json answer.</summary>
    public static JsonObject WithLocations(JsonObject body, CliServices host)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(host);
        body["state"] = host.State.Display;
        body["lake"] = host.Lake.Display;
        return body;
    }
}
