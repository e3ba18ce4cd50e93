using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Local.Hosting;
using LogIngest.Local.State;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Core.Tests.Hosting;

public sealed class QuerySlotCompositionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-slotshost-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ServiceProvider Build(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection()
            .AddLogIngest()
            .AddLogIngestLocal(local =>
            {
                local.DatabasePath = Path.Combine(_folder, "state.db");
                local.LakeRoot = Path.Combine(_folder, "lake");
            });
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddLogIngestLocal_QueryGate_LeasesSlotsInTheSqliteStateFile()
    {
        using var services = Build();

        var slots = services.GetRequiredService<IQuerySlotStore>();

        Assert.IsType<SqliteStateStore>(slots);
        Assert.Same(services.GetRequiredService<IStateStore>(), slots);
        Assert.Equal(QueryGate.DefaultMaxConcurrentQueries, services.GetRequiredService<QueryGate>().AppWideMaxConcurrentQueries);
    }

    [Fact]
    public void AddLogIngest_ConfiguredSlotOptions_SetTheAppWideCap()
    {
        using var services = Build(s => s.Configure<QuerySlotOptions>(o => o.MaxConcurrentQueries = 3));

        Assert.Equal(3, services.GetRequiredService<QueryGate>().AppWideMaxConcurrentQueries);
        Assert.Equal(5, services.GetRequiredService<QueryGate>().MaxConcurrentQueries);
    }

    [Fact]
    public void AddLogIngest_NoSlotStore_CapsTheProcessOnly()
    {
        using var services = new ServiceCollection().AddLogIngest().BuildServiceProvider();

        Assert.Null(services.GetRequiredService<QueryGate>().AppWideMaxConcurrentQueries);
    }
}
