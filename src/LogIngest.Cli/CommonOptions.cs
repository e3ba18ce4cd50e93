using System.CommandLine;
using LogIngest.Core.Capacity;

namespace LogIngest.Cli;

/// <summary>Options every command takes: where state and lake live, the Log Analytics cloud, the simulated workspace, the clock.</summary>
public sealed class CommonOptions
{
    public const string DefaultFolder = ".logingest";

    public Option<string> State { get; } = new("--state")
    {
        Description = "Where run state lives: a folder (SQLite state.db), a Cosmos DB endpoint https://<account>.documents.azure.com/[database] " +
            "(signed in with DefaultAzureCredential), or env:NAME[/database] with a Cosmos connection string in the environment variable NAME. Default: ./.logingest",
        Recursive = true,
    };

    public Option<string> Lake { get; } = new("--lake")
    {
        Description = "Where the Parquet lake lives: a folder, a container URL https://<account>.blob.core.windows.net/<container>[/prefix] " +
            "(signed in with DefaultAzureCredential), or env:NAME/<container>[/prefix] with a storage connection string in the environment variable NAME. " +
            "Default: the lake the state already loads into, else <state folder>/lake",
        Recursive = true,
    };

    public Option<bool> RebindLake { get; } = new("--rebind-lake")
    {
        Description = "Let this state load into a different --lake than the one it remembers (its files were moved there)",
        Recursive = true,
    };

    public Option<string> LogAnalyticsEndpoint { get; } = new("--la-endpoint")
    {
        Description = "Log Analytics query endpoint for sovereign clouds, e.g. https://api.loganalytics.us. Default: https://api.loganalytics.azure.com",
        Recursive = true,
    };

    public Option<string> LogAnalyticsAudience { get; } = new("--la-audience")
    {
        Description = "Token audience of that endpoint, e.g. https://api.loganalytics.us. Default: https://api.loganalytics.io",
        Recursive = true,
    };

    public Option<long?> SimSeed { get; } = new("--sim-seed")
    {
        Description = "Seed of the simulated workspace. Default: 1",
        Recursive = true,
    };

    public Option<long?> SimRowsPerDay { get; } = new("--sim-rows-per-day")
    {
        Description = $"Average OfficeActivity rows per day of the simulated workspace. Default: {DemoDefaults.RowsPerDay}",
        Recursive = true,
    };

    public Option<string> SimLatency { get; } = new("--sim-latency")
    {
        Description = "How long each query of the simulated workspace takes, slept for real (and charged by plan): none, service " +
            "(2 s a query + 0.05 s per million rows read + 20 s per million rows returned: service-like, assumed), or service*<factor>, e.g. service*0.1. Default: none",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log what the workflows and activities do to stderr",
        Recursive = true,
    };

    public Option<string> Now { get; } = new("--now")
    {
        Description = "Run as if the time were this (YYYY-MM-DD or ISO-8601 UTC); the simulated workspace shows the rows that arrived by then",
        Recursive = true,
        Hidden = true,
    };

    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(State);
        root.Options.Add(Lake);
        root.Options.Add(RebindLake);
        root.Options.Add(LogAnalyticsEndpoint);
        root.Options.Add(LogAnalyticsAudience);
        root.Options.Add(SimSeed);
        root.Options.Add(SimRowsPerDay);
        root.Options.Add(SimLatency);
        root.Options.Add(Verbose);
        root.Options.Add(Now);
    }

    /// <summary>Reads the options into host settings; <see cref="InputException"/> naming the option when one is wrong. Creates nothing.</summary>
    public HostSettings Read(ParseResult parse, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var state = StateLocation.Parse(parse.GetValue(State) ?? DefaultFolder, environment);
        var lake = parse.GetValue(Lake) is { Length: > 0 } given ? LakeLocation.Parse(given, environment) : null;
        var seed = parse.GetValue(SimSeed) ?? DemoDefaults.Seed;
        var rows = parse.GetValue(SimRowsPerDay) ?? DemoDefaults.RowsPerDay;
        if (rows < 0)
        {
            throw new InputException($"--sim-rows-per-day must be zero or more; got {rows}.");
        }

        var latencyText = parse.GetValue(SimLatency);
        var latency = latencyText is null ? QueryCostModel.None
            : QueryCostModel.Parse(latencyText) ?? throw new InputException($"--sim-latency '{latencyText}' is not none, service or service*<factor> (e.g. service*0.1).");
        var now = parse.GetValue(Now) is { } text ? CliTime.Parse("--now", text) : (DateTimeOffset?)null;
        return new HostSettings(state, lake, seed, rows, now)
        {
            SimLatency = latency,
            Verbose = parse.GetValue(Verbose),
            RebindLake = parse.GetValue(RebindLake),
            LogAnalyticsEndpoint = HttpsUrl("--la-endpoint", parse.GetValue(LogAnalyticsEndpoint)),
            LogAnalyticsAudience = HttpsUrl("--la-audience", parse.GetValue(LogAnalyticsAudience)),
        };
    }

    private static Uri? HttpsUrl(string option, string? value) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
        : throw new InputException($"{option} '{value}' is not an http(s) URL, e.g. https://api.loganalytics.us.");
}

/// <summary>
/// Where a command's host keeps things, read from <see cref="CommonOptions"/>. <c>Lake</c> is the lake
/// given by --lake; null means the one the state remembers (<see cref="CliHost.OpenAsync"/>).
/// </summary>
public sealed record HostSettings(StateLocation State, LakeLocation? Lake, long SimSeed, long SimRowsPerDay, DateTimeOffset? Now)
{
    /// <summary>Log to stderr (stdout stays the command's own output, so --json remains one object).</summary>
    public bool Verbose { get; init; }

    /// <summary>The user said the state may load into a --lake other than the one it remembers.</summary>
    public bool RebindLake { get; init; }

    public Uri? LogAnalyticsEndpoint { get; init; }

    /// <summary>What each query of the simulated workspace sleeps.</summary>
    public QueryCostModel SimLatency { get; init; } = QueryCostModel.None;

    public Uri? LogAnalyticsAudience { get; init; }

    /// <summary>Where the state is, as printed (the folder of a SQLite state, else the Cosmos location).</summary>
    public string StateFolder => State.Folder ?? State.Display;
}
