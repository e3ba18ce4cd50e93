using System.CommandLine;
using System.Text;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;

namespace LogIngest.Cli.Commands;

/// <summary>
/// The options that make a backfill config (<c>--table --from --to (--simulated | --workspace-id) [--id --filter --flatten --parallelism]</c>),
/// shared by <c>backfill</c> (which loads it) and <c>plan</c> (which projects it), so both read one config the same way.
/// </summary>
internal sealed class BackfillOptions
{
    /// <param name="required">Whether --table, --from and --to must be given (plan also takes --config instead).</param>
    public BackfillOptions(bool required)
    {
        Table = new Option<string>("--table") { Description = "The table to load, e.g. OfficeActivity", Required = required };
        From = new Option<string>("--from") { Description = "First instant to load (inclusive): YYYY-MM-DD or ISO-8601 UTC", Required = required };
        To = new Option<string>("--to") { Description = "Instant after the last one to load (exclusive): YYYY-MM-DD or ISO-8601 UTC", Required = required };
    }

    public Option<string> Table { get; }

    public Option<string> From { get; }

    public Option<string> To { get; }

    public Option<bool> Simulated { get; } = new("--simulated") { Description = "Read the simulated workspace" };

    public Option<string> Workspace { get; } = new("--workspace-id")
    {
        Description = "Read this Log Analytics workspace (its customer id, a GUID); credentials from the environment (DefaultAzureCredential: az login, managed identity, AZURE_* variables)",
    };

    public Option<string> Id { get; } = new("--id") { Description = "Config id ([a-z0-9-], up to 64). Default: the table name in lower case, so backfills of one table share checkpoints" };

    public Option<string> Filter { get; } = new("--filter") { Description = "KQL pipeline applied at the source, e.g. \"where Operation != 'FileAccessed'\"" };

    public Option<string[]> Flatten { get; } = new("--flatten")
    {
        Description = "A dynamic column whose top-level keys become columns of their own (Col_key); repeat for several, e.g. --flatten ExtendedProperties",
    };

    public Option<int?> Parallelism { get; } = new("--parallelism") { Description = "Ranges in flight (1-32). Default 4" };

    public IEnumerable<Option> All => [Table, From, To, Simulated, Workspace, Id, Filter, Flatten, Parallelism];

    /// <summary>True when any option that makes the config was given.</summary>
    public bool AnyGiven(ParseResult parse) => All.Any(o => parse.GetResult(o) is { Implicit: false });

    /// <summary>
    /// The backfill config the options describe, validated; <see cref="InputException"/> naming the option or
    /// field that is wrong. <paramref name="requestedAs"/> is the range as the user wrote it.
    /// </summary>
    public LoadConfig Read(ParseResult parse, out string requestedAs)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var tableName = parse.GetValue(Table) ?? throw new InputException("--table is required (or give --config).");
        var fromText = parse.GetValue(From) ?? throw new InputException("--from is required (or give --config).");
        var toText = parse.GetValue(To) ?? throw new InputException("--to is required (or give --config).");
        var start = CliTime.Parse("--from", fromText);
        var end = CliTime.Parse("--to", toText);
        if (end <= start)
        {
            throw new InputException($"--to {toText} must be after --from {fromText}.");
        }

        var workspaceId = parse.GetValue(Workspace);
        var isSimulated = parse.GetValue(Simulated);
        if (isSimulated == (workspaceId is not null))
        {
            throw new InputException("give exactly one source: --simulated, or --workspace-id <guid> for a Log Analytics workspace.");
        }

        var config = new LoadConfig
        {
            Id = parse.GetValue(Id) ?? IdOf(tableName),
            Table = tableName,
            Source = isSimulated ? new SourceSpec { Kind = SourceKinds.Simulated } : new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = workspaceId },
            Mode = LoadMode.Backfill,
            From = start,
            To = end,
            Filter = parse.GetValue(Filter),
            Flatten = parse.GetValue(Flatten) ?? [],
            Parallelism = parse.GetValue(Parallelism) ?? 4,
        };
        var problems = ConfigValidator.Validate(config);
        if (problems.Count > 0)
        {
            throw new InputException(ConfigValidator.Describe(config.Id, problems));
        }

        requestedAs = $"[--from {fromText}, --to {toText})";
        return config;
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
