using LogIngest.Core.Model;

namespace LogIngest.Cli;

/// <summary>
/// The embedded default of <c>logingest demo</c>: a fixed config over the simulated workspace's wide
/// table, so every demo anywhere writes the same lake.
/// </summary>
public static class DemoDefaults
{
    /// <summary>Average simulated OfficeActivity rows per day (also the default of --sim-rows-per-day, so verify after demo counts the same source).</summary>
    public const long RowsPerDay = 100_000;

    public const long Seed = 1;

    public const string ConfigId = "demo";

    public static readonly DateTimeOffset From = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset To = new(2025, 3, 6, 0, 0, 0, TimeSpan.Zero);

    public static LoadConfig Config => new()
    {
        Id = ConfigId,
        Table = "OfficeActivity",
        Source = new SourceSpec { Kind = SourceKinds.Simulated },
        Mode = LoadMode.Backfill,
        From = From,
        To = To,
        Flatten = ["ExtendedProperties"],

        // Windows of at most 25,000 rows: a few dozen windows to watch, and a stop request (Ctrl+C) has queued ones to hold back.
        Limits = new WindowLimits { MaxRows = 25_000, MaxBytes = 48_000_000, MinRows = 10_000 },
        Parallelism = 2,
        Lake = new LakeSpec { Prefix = "demo" },
    };
}
