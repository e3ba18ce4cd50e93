using System.CommandLine;

namespace LogIngest.Cli;

/// <summary>Options every command takes: where state and lake live, the simulated workspace, the clock.</summary>
public sealed class CommonOptions
{
    public const string DefaultFolder = ".logingest";

    public Option<string> State { get; } = new("--state")
    {
        Description = "Folder of the SQLite state (state.db). Default: ./.logingest",
        Recursive = true,
    };

    public Option<string> Lake { get; } = new("--lake")
    {
        Description = "Folder of the lake. Default: ./.logingest/lake",
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
        root.Options.Add(SimSeed);
        root.Options.Add(SimRowsPerDay);
        root.Options.Add(Verbose);
        root.Options.Add(Now);
    }

    /// <summary>Reads the options into host settings; <see cref="InputException"/> naming the option when one is wrong.</summary>
    public HostSettings Read(ParseResult parse, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var state = environment.Resolve(parse.GetValue(State) ?? DefaultFolder);
        var lake = environment.Resolve(parse.GetValue(Lake) ?? Path.Combine(DefaultFolder, "lake"));
        var seed = parse.GetValue(SimSeed) ?? DemoDefaults.Seed;
        var rows = parse.GetValue(SimRowsPerDay) ?? DemoDefaults.RowsPerDay;
        if (rows < 0)
        {
            throw new InputException($"--sim-rows-per-day must be zero or more; got {rows}.");
        }

        var now = parse.GetValue(Now) is { } text ? CliTime.Parse("--now", text) : (DateTimeOffset?)null;
        return new HostSettings(state, lake, seed, rows, now) { Verbose = parse.GetValue(Verbose) };
    }
}

/// <summary>Where a command's host keeps things, read from <see cref="CommonOptions"/>.</summary>
public sealed record HostSettings(string StateFolder, string LakeFolder, long SimSeed, long SimRowsPerDay, DateTimeOffset? Now)
{
    /// <summary>Log to stderr (stdout stays the command's own output, so --json remains one object).</summary>
    public bool Verbose { get; init; }
}
