using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using LogIngest.Local.Lake;
using LogIngest.Local.Simulation;
using LogIngest.Local.State;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Local.Hosting;

/// <summary>Composition of the one-machine adapters.</summary>
public static class LocalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteStateStore"/> (as every state port and as the query slots), <see cref="FileSystemLakeStore"/>
    /// as the lake, and a <see cref="SimulatedWorkspace"/> on the host's <see cref="TimeProvider"/> (advance
    /// it to let late rows arrive) as the source of <c>simulated</c> configs. Call with <c>AddLogIngest</c>.
    /// </summary>
    public static IServiceCollection AddLogIngestLocal(this IServiceCollection services, Action<LocalHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LocalHostOptions();
        configure(options);
        options.Validate();

        services.AddSingleton(options);
        services.AddLogIngestStateStore(sp => new SqliteStateStore(
            new SqliteStateOptions { DatabasePath = options.DatabasePath },
            sp.GetRequiredService<TimeProvider>()));

        // The query cap holds across every process on this state file (two commands at once share one identity
        // too). Added, not TryAdded: like the state ports, the slots follow the last state store registered.
        services.AddSingleton<IQuerySlotStore>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.AddSingleton<ILakeStore>(_ => new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = options.LakeRoot }));
        services.AddSingleton(sp => new SimulatedWorkspace(options.Simulation, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILogSourceProvider, SimulatedSourceProvider>();
        return services;
    }
}
