using LogIngest.Core.Ports;
using LogIngest.Local.State;
using LogIngest.TestSupport.Contracts;
using Xunit.Abstractions;

namespace LogIngest.Local.Tests.State;

/// <summary>Hosts sharing one SQLite state file, each through its own store object (its own connections and write lock).</summary>
public sealed class SqliteSharedQuerySlotsTests(ITestOutputHelper output) : SharedQuerySlotsContract(output)
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-slot-hosts-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStateStore> _opened = [];

    protected override string StoreName => "sqlite";

    protected override IQuerySlotStore OpenHost()
    {
        var store = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(_folder, "state.db") });
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    public override Task DisposeAsync()
    {
        _opened.ForEach(s => s.Dispose());
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
