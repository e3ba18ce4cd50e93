using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.State;
using LogIngest.Local.State;

namespace LogIngest.Core.Tests.Activities;

public sealed class WriteCheckpointActivityTests : IDisposable
{
    private static readonly Interval Window = new(638_700_000_000_000_000, 638_700_036_000_000_000);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-ckpt-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStateStore _store;

    public WriteCheckpointActivityTests()
    {
        Directory.CreateDirectory(_folder);
        _store = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(_folder, "state.db") });
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RunAsync_Replayed_OneCheckpointAndOneWindowEvent()
    {
        var activity = new WriteCheckpointActivity(_store, _store);
        var input = new WriteCheckpointInput("cfg", "run-1", "parent-1", TimeAxis.TimeGenerated, Completed());

        Assert.True(await activity.RunAsync(input));
        Assert.True(await activity.RunAsync(input));

        var windows = await ToListAsync(_store.ListWindowsAsync("cfg"));
        var checkpoint = Assert.Single(windows);
        Assert.Equal(["p/a.parquet", "p/b.parquet"], checkpoint.Files);
        Assert.Equal(10, checkpoint.Rows);
        Assert.Equal(11, checkpoint.SourceCount);
        Assert.True((await _store.GetCoverageAsync("cfg", TimeAxis.TimeGenerated)).Covers(Window));

        var events = await _store.ReadRunAsync("run-1");
        var audit = Assert.Single(events);
        Assert.Equal(RunEventTypes.Window, audit.EventType);
        Assert.Equal("parent-1", audit.ParentRunId);
        Assert.Equal(RunStatus.Succeeded, audit.Status);
        Assert.Equal(Window, audit.Window);
        Assert.Equal(10, audit.Rows);
    }

    [Fact]
    public async Task RunAsync_SplitRequired_AuditedButNotCheckpointed()
    {
        var activity = new WriteCheckpointActivity(_store, _store);
        var result = Completed() with { Status = WindowStatus.SplitRequired, Files = [], Rows = 0, SplitReason = "truncated at 500000 rows" };

        Assert.False(await activity.RunAsync(new WriteCheckpointInput("cfg", "run-2", null, TimeAxis.TimeGenerated, result)));

        Assert.Empty(await ToListAsync(_store.ListWindowsAsync("cfg")));
        var audit = Assert.Single(await _store.ReadRunAsync("run-2"));
        Assert.Equal(RunEventLevel.Warning, audit.Level);
        Assert.Contains("truncated at 500000 rows", audit.Message, StringComparison.Ordinal);
    }

    private static WindowResult Completed() => new()
    {
        Status = WindowStatus.Completed,
        Window = Window,
        Rows = 10,
        Bytes = 999,
        Files = ["p/a.parquet", "p/b.parquet"],
        SourceCount = 11,
        LateRows = 1,
        StartedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 2, TimeSpan.Zero),
    };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
