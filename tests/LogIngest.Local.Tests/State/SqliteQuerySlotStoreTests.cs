using LogIngest.Core.Ports;
using LogIngest.Local.State;
using LogIngest.TestSupport.Contracts;

namespace LogIngest.Local.Tests.State;

/// <summary>The slot contract on one SQLite file; "another host" is another store object on the same file.</summary>
public sealed class SqliteQuerySlotStoreTests : QuerySlotStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-slots-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStateStore> _opened = [];

    protected override Task<IQuerySlotStore> CreateStoreAsync() => Task.FromResult(OpenAnotherHost());

    protected override IQuerySlotStore OpenAnotherHost()
    {
        var store = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(_folder, "state.db") });
        _opened.Add(store);
        return store;
    }

    protected override Task DisposeStoreAsync()
    {
        _opened.ForEach(s => s.Dispose());
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListConfigsAsync_WithSlotsHeld_ListsOnlyTheConfigs()
    {
        var state = (SqliteStateStore)Store;
        await state.CreateConfigAsync(StateStoreContract.Config("office"));
        await state.CreateConfigAsync(StateStoreContract.Config("paused", enabled: false));
        for (var i = 0; i < 3; i++)
        {
            await state.TryAcquireAsync(Claim("h" + i, T0));
        }

        Assert.Equal(["office", "paused"], (await state.ListConfigsAsync()).Select(d => d.Id));
        Assert.Equal(["office"], (await state.ListEnabledConfigsAsync()).Select(d => d.Id));
    }
}
