using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Local.Lake;
using LogIngest.Local.Simulation;
using Microsoft.Extensions.Options;

namespace LogIngest.Local.Tests.Ingest;

/// <summary>A simulated workspace, a local-folder lake in a temporary folder and the ingest activity over both.</summary>
internal sealed class IngestHarness : ILogSourceFactory, IDisposable
{
    /// <summary>A Tuesday, well after the simulated data start; the clock stands days later so every row has arrived.</summary>
    public static readonly DateTime Day = new(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc);

    public IngestHarness(SimulatedWorkspaceOptions? options = null, IngestWindowOptions? ingest = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "logingest-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Lake = new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = Root });
        Workspace = new SimulatedWorkspace(options ?? new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 20_000 }, new FixedClock(new DateTimeOffset(Day.AddDays(5))));
        Activity = new IngestWindowActivity(this, Lake, Options.Create(ingest ?? new IngestWindowOptions()));
    }

    public string Root { get; }

    public FileSystemLakeStore Lake { get; }

    public SimulatedWorkspace Workspace { get; }

    public IngestWindowActivity Activity { get; }

    public static LoadConfig Config(string? filter = null, TimeAxis axis = TimeAxis.TimeGenerated) => new()
    {
        Id = "officeactivity",
        Table = "OfficeActivity",
        Filter = filter,
        Flatten = ["ExtendedProperties"],
        Mode = axis == TimeAxis.IngestionTime ? LoadMode.Incremental : LoadMode.Backfill,
    };

    public ILogSource ForConfig(LoadConfig config) => Workspace;

    public Task<WindowResult> IngestAsync(Interval window, KeySplit? split = null, string? filter = null, TimeAxis axis = TimeAxis.TimeGenerated) =>
        Activity.RunAsync(new IngestWindowInput(Config(filter, axis), "run-e2e", axis, window, split));

    public Task<long> CountAsync(Interval window, KeySplit? split = null, string? filter = null, TimeAxis axis = TimeAxis.TimeGenerated) =>
        Workspace.CountAsync(new LogWindowQuery("OfficeActivity", axis, window) { Split = split, Filter = filter });

    /// <summary>Every file of the lake, by lake key, in key order.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public string FullPath(string key) => Path.Combine(Root, key);

    /// <summary>A glob over every Parquet file of the table.</summary>
    public string TableGlob => Path.Combine(Root, "loganalytics", "OfficeActivity") + "/**/*.parquet";

    /// <summary>A DuckDB table expression over every Parquet file of the table, with hive partition columns.</summary>
    public string ReadParquetSql => LogIngest.TestSupport.Parquet.DuckDbParquet.Source(TableGlob, hivePartitioning: true);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
