using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Local.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LogIngest.Cli;

/// <summary>The CLI's composition: the LogIngest core on the one-machine adapters, plus real workspaces by id.</summary>
public static class CliHost
{
    /// <summary>The SQLite file inside the state folder.</summary>
    public const string DatabaseFileName = "state.db";

    public static ServiceProvider Build(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
        services.AddLogIngestLocal(local =>
        {
            local.DatabasePath = Path.Combine(settings.StateFolder, DatabaseFileName);
            local.LakeRoot = settings.LakeFolder;
            local.Simulation.Seed = settings.SimSeed;
            local.Simulation.OfficeActivityRowsPerDay = settings.SimRowsPerDay;
        });
        services.AddAzureLogAnalytics();
        return services.BuildServiceProvider();
    }
}
