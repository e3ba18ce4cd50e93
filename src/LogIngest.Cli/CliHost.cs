using Azure.Identity;
using LogIngest.Azure.Blob;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using LogIngest.Local.Hosting;
using LogIngest.Local.Lake;
using LogIngest.Local.Simulation;
using LogIngest.Local.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LogIngest.Cli;

/// <summary>How a command uses its state: loading commands may create it, reading commands never do.</summary>
public enum HostUse
{
    Load,
    Read,
}

/// <summary>
/// The CLI's composition: the LogIngest core on SQLite or Cosmos DB state, a folder or Blob lake, the
/// simulated workspace and real workspaces by id. The state remembers the lake it loads into (the
/// store setting <see cref="LakeSetting"/>), so a later command on the same state finds the same lake.
/// </summary>
public static class CliHost
{
    /// <summary>The SQLite file inside the state folder.</summary>
    public const string DatabaseFileName = "state.db";

    /// <summary>The store setting that names the lake a state's checkpoints describe.</summary>
    public const string LakeSetting = "lake";

    /// <summary>
    /// Composes the host for a command and settles its lake: <c>--lake</c> when given and the state
    /// remembers none or the same one (or <c>--rebind-lake</c>), else the one the state remembers, else
    /// <c>&lt;state folder&gt;/lake</c>. Creates nothing: a reading command on a folder without state, a
    /// state or lake folder under a file, a --lake other than the remembered one are all
    /// <see cref="InputException"/>s. <see cref="CliServices.BindLakeAsync"/> creates and remembers.
    /// </summary>
    public static async Task<CliServices> OpenAsync(HostSettings settings, CliEnvironment environment, HostUse use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var state = settings.State;
        var stateExists = state.Exists;
        if (state.Folder is { } folder)
        {
            if (use == HostUse.Read && !stateExists)
            {
                throw new InputException($"--state: there is no state in {folder} (nothing was loaded with it); give the --state a load used, or load something first (logingest demo, logingest backfill).");
            }

            RefuseUnderFile("--state", folder);
        }

        var holder = new LakeHolder(environment);
        var services = Compose(settings, environment, holder, createState: use == HostUse.Load);
        try
        {
            var bound = stateExists ? await services.GetRequiredService<IControlStore>().GetStoreSettingAsync(LakeSetting, cancellationToken).ConfigureAwait(false) : null;
            var lake = Choose(settings, bound, environment);
            if (lake.Folder is { } lakeFolder)
            {
                RefuseUnderFile("--lake", lakeFolder);
            }

            holder.Location = lake;
            return new CliServices(services, state, lake, bound, stateExists);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static LakeLocation Choose(HostSettings settings, string? bound, CliEnvironment environment)
    {
        if (settings.Lake is { } given)
        {
            if (bound is null || bound == given.Display || settings.RebindLake)
            {
                return given;
            }

            throw new InputException(
                $"--lake {given.Display} is not the lake this state loads into ({bound}); its checkpoints describe the files there. " +
                $"Leave out --lake to use that lake, give another --state for a new lake, or add --rebind-lake if the files were moved to {given.Display}.");
        }

        if (bound is not null)
        {
            return LakeLocation.Parse(bound, environment);
        }

        return settings.State.Folder is { } folder
            ? LakeLocation.OfFolder(Path.Combine(folder, "lake"))
            : throw new InputException($"--lake is needed the first time state {settings.State.Display} is used (a Cosmos DB state has no folder to keep a lake in); later commands remember it.");
    }

    // A folder whose path runs through a file can never be created: say so before anything is written.
    private static void RefuseUnderFile(string option, string folder)
    {
        for (var path = folder; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                throw new InputException($"{option} {folder} cannot be created: {path} is a file.");
            }

            if (Directory.Exists(path))
            {
                return;
            }
        }
    }

    private static ServiceProvider Compose(HostSettings settings, CliEnvironment environment, LakeHolder lake, bool createState)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (settings.Verbose)
            {
                logging.SetMinimumLevel(LogLevel.Information);
                logging.AddSimpleConsole(o => o.SingleLine = true);
                logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
        });
        if (settings.Now is { } now)
        {
            services.AddSingleton<TimeProvider>(new OffsetTimeProvider(now));
        }

        services.AddLogIngest();
        var credential = environment.Credential ?? new DefaultAzureCredential();
        if (settings.State.DatabaseFile is { } database)
        {
            // The query cap holds across every process on this state file, as AddLogIngestLocal composes it.
            services.AddLogIngestStateStore(sp => new SqliteStateStore(new SqliteStateOptions { DatabasePath = database }, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IQuerySlotStore>(sp => sp.GetRequiredService<SqliteStateStore>());
        }
        else
        {
            services.AddAzureCosmosState(o =>
            {
                o.AccountEndpoint = settings.State.Endpoint;
                o.AccountKey = settings.State.AccountKey;
                o.Credential = settings.State.AccountKey is null ? credential : null;
                o.DatabaseName = settings.State.Database;
                o.CreateIfMissing = createState;
            });
        }

        services.AddSingleton(_ => lake.Open());
        services.AddSingleton(sp => new SimulatedWorkspace(
            new SimulatedWorkspaceOptions { Seed = settings.SimSeed, OfficeActivityRowsPerDay = settings.SimRowsPerDay, Latency = settings.SimLatency },
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILogSourceProvider, SimulatedSourceProvider>();
        services.AddAzureLogAnalytics(
            o =>
            {
                o.Endpoint = settings.LogAnalyticsEndpoint ?? o.Endpoint;
                o.Audience = settings.LogAnalyticsAudience ?? o.Audience;
                o.Transport = environment.LogAnalyticsTransport ?? o.Transport;
            },
            credential);
        return services.BuildServiceProvider();
    }

    /// <summary>The lake a command settled on, opened on first use (after the state was read).</summary>
    private sealed class LakeHolder(CliEnvironment environment)
    {
        public LakeLocation? Location { get; set; }

        public ILakeStore Open()
        {
            var lake = Location ?? throw new InvalidOperationException("The lake is settled before it is used.");
            ILakeStore store = lake.Folder is { } folder
                ? new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = folder })
                : new BlobLakeStore(lake.ConnectionString is { } connection
                    ? new BlobLakeOptions { ConnectionString = connection, ContainerName = lake.ContainerName }
                    : new BlobLakeOptions { ContainerUri = lake.ContainerUri, Credential = environment.Credential ?? new DefaultAzureCredential() });
            return lake.Prefix.Length > 0 ? new PrefixedLakeStore(store, lake.Prefix) : store;
        }
    }
}

/// <summary>A command's services with the state and lake it settled on.</summary>
public sealed class CliServices(ServiceProvider services, StateLocation state, LakeLocation lake, string? boundLake, bool stateExists) : IAsyncDisposable
{
    public ServiceProvider Services { get; } = services;

    public StateLocation State { get; } = state;

    public LakeLocation Lake { get; } = lake;

    /// <summary>False when a folder state has no state.db yet (nothing is stored in it).</summary>
    public bool StateExists { get; private set; } = stateExists;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Creates the state and lake folders and has the state remember its lake: called by a loading
    /// command once its input is checked, just before it stores anything.
    /// </summary>
    public async Task BindLakeAsync(CancellationToken cancellationToken = default)
    {
        Create("--state", State.Folder);
        Create("--lake", Lake.Folder);
        if (boundLake != Lake.Display)
        {
            await Get<IControlStore>().SetStoreSettingAsync(CliHost.LakeSetting, Lake.Display, cancellationToken).ConfigureAwait(false);
            boundLake = Lake.Display;
        }

        StateExists = true;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    private static void Create(string option, string? folder)
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option} {folder} cannot be created: {ex.Message}");
        }
    }
}
