using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Local.State;
using LogIngest.TestSupport.Contracts;

namespace LogIngest.Local.Tests.State;

public sealed class SqliteStateStoreTests : StateStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-state-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "state.db");

    protected override Task<IStateStore> CreateStoreAsync()
    {
        return Task.FromResult<IStateStore>(new SqliteStateStore(new SqliteStateOptions { DatabasePath = DatabasePath }));
    }

    protected override Task DisposeStoreAsync()
    {
        ((SqliteStateStore)Store).Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Constructor_ExistingDatabase_ReopensWithEverythingKept()
    {
        await Store.CreateConfigAsync(Config("kept"));
        await Store.RecordWindowAsync(Checkpoint("kept", 0, 5));
        ((SqliteStateStore)Store).Dispose();

        using var reopened = new SqliteStateStore(new SqliteStateOptions { DatabasePath = DatabasePath });

        Assert.NotNull(await reopened.GetConfigAsync("kept"));
        Assert.Equal(IntervalSet.Of(Window(0, 5)), await reopened.GetCoverageAsync("kept", TimeAxis.TimeGenerated));
    }

    [Fact]
    public void Constructor_Database_UsesWriteAheadLogging()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + DatabasePath);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task RecordWindowAsync_DatabaseLockedByAnotherWriter_ThrowsStateIoAndRecordsNothing()
    {
        await Store.RecordWindowAsync(Checkpoint("ro", 0, 5));
        var lockHolder = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + DatabasePath + ";Default Timeout=1");
        await lockHolder.OpenAsync();
        using var exclusive = lockHolder.BeginTransaction(deferred: false);
        using var shortWait = new SqliteStateStore(new SqliteStateOptions { DatabasePath = DatabasePath, BusyTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<Core.Observability.LogIngestException>(() => shortWait.RecordWindowAsync(Checkpoint("ro", 10, 15)));

        Assert.Equal(Core.Observability.ErrorCodes.StateIo, error.Code);
        exclusive.Rollback();
        await lockHolder.DisposeAsync();
        Assert.Equal(IntervalSet.Of(Window(0, 5)), await Store.GetCoverageAsync("ro", TimeAxis.TimeGenerated));
    }
}
