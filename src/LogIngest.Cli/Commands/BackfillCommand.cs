using System.CommandLine;
using System.Text;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;

namespace LogIngest.Cli.Commands;

/// <summary><c>logingest backfill --table --from --to (--simulated | --workspace-id) [--flatten col]...</c>: a backfill config made from options, stored and run.</summary>
internal static class BackfillCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var table = new Option<string>("--table") { Description = "The table to load, e.g. OfficeActivity", Required = true };
        var from = new Option<string>("--from") { Description = "First instant to load (inclusive): YYYY-MM-DD or ISO-8601 UTC", Required = true };
        var to = new Option<string>("--to") { Description = "Instant after the last one to load (exclusive): YYYY-MM-DD or ISO-8601 UTC", Required = true };
        var simulated = new Option<bool>("--simulated") { Description = "Read the simulated workspace" };
        var workspace = new Option<string>("--workspace-id")
        {
            Description = "Read this Log Analytics workspace (its customer id, a GUID); credentials from the environment (DefaultAzureCredential: az login, managed identity, AZURE_* variables)",
        };
        var id = new Option<string>("--id") { Description = "Config id ([a-z0-9-], up to 64). Default: the table name in lower case, so backfills of one table share checkpoints" };
        var filter = new Option<string>("--filter") { Description = "KQL pipeline applied at the source, e.g. \"where Operation != 'FileAccessed'\"" };
        var flatten = new Option<string[]>("--flatten")
        {
            Description = "A dynamic column whose top-level keys become columns of their own (Col_key); repeat for several, e.g. --flatten ExtendedProperties",
        };
        var parallelism = new Option<int?>("--parallelism") { Description = "Ranges in flight (1-32). Default 4" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures and nothing else" };
        var command = new Command("backfill", "Load [--from, --to) of a table on TimeGenerated; running it again skips what is done.")
        {
            table, from, to, simulated, workspace, id, filter, flatten, parallelism, json,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var asJson = parse.GetValue(json);
            var settings = common.Read(parse, environment);
            var tableName = parse.GetValue(table)!;
            var fromText = parse.GetValue(from);
            var toText = parse.GetValue(to);
            var start = CliTime.Parse("--from", fromText);
            var end = CliTime.Parse("--to", toText);
            if (end <= start)
            {
                throw new InputException($"--to {toText} must be after --from {fromText}.");
            }

            var workspaceId = parse.GetValue(workspace);
            var isSimulated = parse.GetValue(simulated);
            if (isSimulated == (workspaceId is not null))
            {
                throw new InputException("give exactly one source: --simulated, or --workspace-id <guid> for a Log Analytics workspace.");
            }

            var config = new LoadConfig
            {
                Id = parse.GetValue(id) ?? IdOf(tableName),
                Table = tableName,
                Source = isSimulated ? new SourceSpec { Kind = SourceKinds.Simulated } : new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = workspaceId },
                Mode = LoadMode.Backfill,
                From = start,
                To = end,
                Filter = parse.GetValue(filter),
                Flatten = parse.GetValue(flatten) ?? [],
                Parallelism = parse.GetValue(parallelism) ?? 4,
            };
            var problems = ConfigValidator.Validate(config);
            if (problems.Count > 0)
            {
                throw new InputException(ConfigValidator.Describe(config.Id, problems));
            }

            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Load);
            var outcome = await LoadSession.RunAsync(host, config, environment, asJson, store: true, requestedAs: $"[--from {fromText}, --to {toText})");
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

    /// <summary>The default config id of a table: lower case, anything outside [a-z0-9-] as '-', at most 64 characters.</summary>
    internal static string IdOf(string table)
    {
        var id = new StringBuilder(table.Length);
        foreach (var ch in table.ToLowerInvariant())
        {
            id.Append(ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' ? ch : '-');
        }

        return id.Length > 64 ? id.ToString(0, 64) : id.ToString();
    }
}
