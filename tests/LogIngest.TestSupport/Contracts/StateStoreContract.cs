using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Xunit;

namespace LogIngest.TestSupport.Contracts;

/// <summary>
/// What every <see cref="IStateStore"/> promises. A test class per adapter derives from this and says
/// how to make a fresh, empty store.
/// </summary>
public abstract class StateStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private IStateStore? _store;

    protected IStateStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Checkpoints written at once in the concurrency case.</summary>
    protected virtual int ConcurrentCheckpoints => 1_000;

    protected abstract Task<IStateStore> CreateStoreAsync();

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    public static LoadConfig Config(string id, bool enabled = true) => new()
    {
        Id = id,
        Table = "OfficeActivity",
        Source = new SourceSpec { Kind = SourceKinds.Simulated },
        From = T0,
        To = T0.AddDays(31),
        Enabled = enabled,
    };

    [Fact]
    public async Task CreateConfigAsync_NewConfig_ReadsBackPendingWithETag()
    {
        var config = Config("office");
        var created = await Store.CreateConfigAsync(config);

        var read = await Store.GetConfigAsync("office");

        Assert.NotNull(read);
        Assert.Equal(RunStatus.Pending, read.Status);
        Assert.Equal(created.ETag, read.ETag);
        Assert.False(string.IsNullOrEmpty(read.ETag));
        Assert.Equal(config, read.Config with { Flatten = config.Flatten });
        Assert.Equal(T0.AddDays(31), read.Config.To);
        Assert.Null(await Store.GetConfigAsync("absent"));
    }

    [Fact]
    public async Task DeleteConfigAsync_ConfigWithCheckpoints_ForgetsBothAndLeavesOthers()
    {
        await Store.CreateConfigAsync(Config("gone"));
        await Store.CreateConfigAsync(Config("kept") with { Lake = new LakeSpec { Prefix = "other" } });
        await Store.RecordWindowAsync(Checkpoint("gone", 0, 10));
        await Store.RecordWindowAsync(Checkpoint("kept", 0, 10));

        var deleted = await Store.DeleteConfigAsync("gone");
        var again = await Store.DeleteConfigAsync("gone");

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await Store.GetConfigAsync("gone"));
        Assert.Equal(["kept"], (await Store.ListConfigsAsync()).Select(d => d.Id));
        Assert.Empty(await Store.ListWindowsAsync("gone").ToListAsync());
        Assert.True((await Store.GetCoverageAsync("gone", TimeAxis.TimeGenerated)).IsEmpty);
        Assert.Single(await Store.ListWindowsAsync("kept").ToListAsync());

        // The id can be taken again, with nothing inherited.
        await Store.CreateConfigAsync(Config("gone"));
        Assert.True((await Store.GetCoverageAsync("gone", TimeAxis.TimeGenerated)).IsEmpty);
    }

    [Fact]
    public async Task CreateConfigAsync_ExistingId_ThrowsConflictAndKeepsTheFirst()
    {
        await Store.CreateConfigAsync(Config("dup") with { Table = "First" });

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Store.CreateConfigAsync(Config("dup") with { Table = "Second" }));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal("First", (await Store.GetConfigAsync("dup"))!.Config.Table);
    }

    [Fact]
    public async Task CreateConfigAsync_InvalidConfig_ThrowsConfigInvalidAndStoresNothing()
    {
        var bad = Config("bad") with { Table = "Office Activity", Parallelism = 99 };

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Store.CreateConfigAsync(bad));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("table", error.Message, StringComparison.Ordinal);
        Assert.Contains("parallelism", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetConfigAsync("bad"));
    }

    [Fact]
    public async Task UpdateConfigAsync_TwoWritersWithSameETag_OneWinsTheOtherGetsConflict()
    {
        var original = await Store.CreateConfigAsync(Config("race"));

        var winner = await Store.UpdateConfigAsync(original with { Status = RunStatus.Running, LastRunId = "run-a" });
        var error = await Assert.ThrowsAsync<LogIngestException>(() => Store.UpdateConfigAsync(original with { Status = RunStatus.Running, LastRunId = "run-b" }));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Contains("race", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(original.ETag, winner.ETag);
        var stored = await Store.GetConfigAsync("race");
        Assert.Equal("run-a", stored!.LastRunId);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task UpdateConfigAsync_ConcurrentWriters_ExactlyOneSucceeds()
    {
        var original = await Store.CreateConfigAsync(Config("many"));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Store.UpdateConfigAsync(original with { LastRunId = $"run-{i}" });
                return true;
            }
            catch (LogIngestException ex) when (ex.Code == ErrorCodes.Conflict)
            {
                return false;
            }
        }));

        Assert.Single(attempts, won => won);
    }

    [Fact]
    public async Task UpdateConfigAsync_StatusAndWatermark_PersistWithNewETag()
    {
        var doc = await Store.CreateConfigAsync(Config("wm") with { Mode = LoadMode.Incremental, From = null, To = null });
        var watermark = T0.AddHours(5).AddTicks(1234567);

        var updated = await Store.UpdateConfigAsync(doc with { Status = RunStatus.Partial, Watermark = watermark, LastRunId = "r1" });
        var again = await Store.UpdateConfigAsync(updated with { Status = RunStatus.Succeeded });

        var read = await Store.GetConfigAsync("wm");
        Assert.Equal(RunStatus.Succeeded, read!.Status);
        Assert.Equal(watermark, read.Watermark);
        Assert.Equal("r1", read.LastRunId);
        Assert.Equal(again.ETag, read.ETag);
        Assert.Equal(LoadMode.Incremental, read.Config.Mode);
    }

    [Fact]
    public async Task UpdateConfigAsync_MissingConfig_ThrowsNotFound()
    {
        var ghost = new ControlDocument { Config = Config("ghost"), ETag = "\"0\"" };

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Store.UpdateConfigAsync(ghost));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task SaveConfigAsync_ExistingConfig_ReplacesConfigAndKeepsStatusAndWatermark()
    {
        var doc = await Store.CreateConfigAsync(Config("keep"));
        await Store.UpdateConfigAsync(doc with { Status = RunStatus.Succeeded, Watermark = T0, LastRunId = "r9" });

        var saved = await Store.SaveConfigAsync(Config("keep") with { Parallelism = 8 });
        var created = await Store.SaveConfigAsync(Config("fresh"));

        var read = await Store.GetConfigAsync("keep");
        Assert.Equal(8, read!.Config.Parallelism);
        Assert.Equal(RunStatus.Succeeded, read.Status);
        Assert.Equal(T0, read.Watermark);
        Assert.Equal(saved.ETag, read.ETag);
        Assert.Equal(RunStatus.Pending, created.Status);
    }

    [Fact]
    public async Task ListEnabledConfigsAsync_MixedConfigs_ReturnsOnlyEnabledOrderedById()
    {
        await Store.CreateConfigAsync(Config("c-3"));
        await Store.CreateConfigAsync(Config("c-1"));
        var off = await Store.CreateConfigAsync(Config("c-2", enabled: false));
        await Store.CreateConfigAsync(Config("c-4"));
        var four = await Store.GetConfigAsync("c-4");
        await Store.UpdateConfigAsync(four! with { Config = four.Config with { Enabled = false } });

        var enabled = await Store.ListEnabledConfigsAsync();
        var all = await Store.ListConfigsAsync();

        Assert.Equal(["c-1", "c-3"], enabled.Select(d => d.Id));
        Assert.Equal(["c-1", "c-2", "c-3", "c-4"], all.Select(d => d.Id));
        Assert.All(all, d => Assert.False(string.IsNullOrEmpty(d.ETag)));
        Assert.False(off.Config.Enabled);
    }

    [Fact]
    public async Task RecordWindowAsync_SameWindowTwice_KeepsOneRecordWithTheLatestFigures()
    {
        await Store.RecordWindowAsync(Checkpoint("cfg", 0, 10) with { Rows = 5, RunId = "r1" });
        await Store.RecordWindowAsync(Checkpoint("cfg", 0, 10) with { Rows = 7, RunId = "r2" });

        var windows = await ListWindowsAsync("cfg");

        var only = Assert.Single(windows);
        Assert.Equal(7, only.Rows);
        Assert.Equal("r2", only.RunId);
        Assert.Equal(IntervalSet.Of(Window(0, 10)), await Store.GetCoverageAsync("cfg", TimeAxis.TimeGenerated));
    }

    [Fact]
    public async Task RecordWindowAsync_AllFields_RoundTrip()
    {
        var checkpoint = Checkpoint("rt", 3, 9) with
        {
            Split = new KeySplit(4, 3),
            Files = ["lake/t/year=2025/month=01/day=01/t-1-2.parquet", "lake/t/year=2025/month=01/day=02/t-1-2.parquet"],
            Rows = 123_456_789_012,
            Bytes = 987_654_321_098,
            SourceCount = 123_456_789_012,
            CompletedAt = T0.AddTicks(1),
        };

        await Store.RecordWindowAsync(checkpoint);

        var read = Assert.Single(await ListWindowsAsync("rt"));
        Assert.Equal(checkpoint with { Files = [] }, read with { Files = [] });
        Assert.Equal(checkpoint.Files, read.Files);
    }

    [Fact]
    public async Task GetCoverageAsync_AdjacentAndSeparateWindows_MergesIntoRanges()
    {
        foreach (var (start, end) in new[] { (20, 30), (0, 10), (10, 20), (50, 60), (40, 45) })
        {
            await Store.RecordWindowAsync(Checkpoint("merge", start, end));
        }

        await Store.RecordWindowAsync(Checkpoint("merge", 100, 200) with { Axis = TimeAxis.IngestionTime });
        await Store.RecordWindowAsync(Checkpoint("other", 30, 40));

        Assert.Equal(
            IntervalSet.Of(Window(0, 30), Window(40, 45), Window(50, 60)),
            await Store.GetCoverageAsync("merge", TimeAxis.TimeGenerated));
        Assert.Equal(IntervalSet.Of(Window(100, 200)), await Store.GetCoverageAsync("merge", TimeAxis.IngestionTime));
        Assert.True((await Store.GetCoverageAsync("none", TimeAxis.TimeGenerated)).IsEmpty);
        Assert.Equal(6, (await ListWindowsAsync("merge")).Count);
    }

    [Fact]
    public async Task ForgetWindowsAsync_SpanInsideTwoWindows_ForgetsThemWholeAndShrinksCoverage()
    {
        foreach (var (start, end) in new[] { (0, 10), (10, 20), (20, 30), (30, 40) })
        {
            await Store.RecordWindowAsync(Checkpoint("forget", start, end));
        }

        await Store.RecordWindowAsync(Checkpoint("forget", 12, 18) with { Axis = TimeAxis.IngestionTime });

        var forgotten = await Store.ForgetWindowsAsync("forget", TimeAxis.TimeGenerated, Window(15, 25));

        Assert.Equal([Window(10, 20), Window(20, 30)], forgotten.Select(f => f.Window).Order().ToList());
        Assert.Equal(IntervalSet.Of(Window(0, 10), Window(30, 40)), await Store.GetCoverageAsync("forget", TimeAxis.TimeGenerated));
        Assert.Equal(IntervalSet.Of(Window(12, 18)), await Store.GetCoverageAsync("forget", TimeAxis.IngestionTime));
        Assert.Equal(3, (await ListWindowsAsync("forget")).Count);
        Assert.Empty(await Store.ForgetWindowsAsync("forget", TimeAxis.TimeGenerated, Window(15, 25)));
    }

    [Fact]
    public async Task SetStoreSettingAsync_SetThenReplaced_ReadsTheLatestAndListsNoConfig()
    {
        Assert.Null(await Store.GetStoreSettingAsync("lake"));

        await Store.SetStoreSettingAsync("lake", "/data/lake");
        await Store.SetStoreSettingAsync("lake", "https://acct.blob.core.windows.net/lake");

        Assert.Equal("https://acct.blob.core.windows.net/lake", await Store.GetStoreSettingAsync("lake"));
        Assert.Empty(await Store.ListConfigsAsync());
    }

    [Fact]
    public async Task GetCoverageAsync_KeySplitInstant_CoveredOnlyWhenEverySliceIsRecorded()
    {
        await Store.RecordWindowAsync(Checkpoint("split", 0, 10));
        await Store.RecordWindowAsync(Checkpoint("split", 10, 11) with { Split = new KeySplit(3, 0) });
        await Store.RecordWindowAsync(Checkpoint("split", 10, 11) with { Split = new KeySplit(3, 2) });
        await Store.RecordWindowAsync(Checkpoint("split", 10, 11) with { Split = new KeySplit(3, 2) });

        Assert.Equal(IntervalSet.Of(Window(0, 10)), await Store.GetCoverageAsync("split", TimeAxis.TimeGenerated));

        await Store.RecordWindowAsync(Checkpoint("split", 10, 11) with { Split = new KeySplit(3, 1) });

        Assert.Equal(IntervalSet.Of(Window(0, 11)), await Store.GetCoverageAsync("split", TimeAxis.TimeGenerated));
        Assert.Equal(4, (await ListWindowsAsync("split")).Count);
    }

    [Fact]
    public async Task RecordWindowAsync_ManyConcurrentWritersOneConfig_NoneLost()
    {
        var count = ConcurrentCheckpoints;

        // Every other window, so no two merge: each lost update would show as a missing interval.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
            await Store.RecordWindowAsync(Checkpoint("busy", i * 2L, (i * 2L) + 1), ct));

        var coverage = await Store.GetCoverageAsync("busy", TimeAxis.TimeGenerated);
        Assert.Equal(count, coverage.Intervals.Count);
        Assert.Equal(IntervalSet.Of(Enumerable.Range(0, count).Select(i => Window(i * 2L, (i * 2L) + 1))), coverage);
        Assert.Equal(count, (await ListWindowsAsync("busy")).Count);
    }

    [Fact]
    public async Task AddFlattenKeysAsync_NewKeysLater_AppendedAsNewVersionKnownKeysChangeNothing()
    {
        Assert.Equal(0, (await Store.GetFlattenSchemaAsync("fs")).Version);

        var first = await Store.AddFlattenKeysAsync("fs", [("Props", "b"), ("Props", "a")], "run-1", 10);
        var same = await Store.AddFlattenKeysAsync("fs", [("Props", "a")], "run-2", 20);
        var grown = await Store.AddFlattenKeysAsync("fs", [("Props", "a"), ("Props", "0new"), ("Other", "x")], "run-2", 30);

        Assert.Equal(1, first.Version);
        Assert.Equal((1, first.Keys), (same.Version, same.Keys.ToList() as IReadOnlyList<FlattenKey>), new SchemaComparer());
        Assert.Equal(2, grown.Version);
        // First met first; a batch in ordinal order; a later key appended, never inserted.
        Assert.Equal(["Props.a", "Props.b", "Other.x", "Props.0new"], grown.Keys.Select(k => k.Column + "." + k.Key));
        var added = grown.Keys[2];
        Assert.Equal((2, "run-2", 30L), (added.AddedInVersion, added.AddedByRun, added.AddedForWindowStart));
        var read = await Store.GetFlattenSchemaAsync("fs");
        Assert.Equal((grown.Version, grown.Keys), (read.Version, read.Keys), new SchemaComparer());
        Assert.Equal(0, (await Store.GetFlattenSchemaAsync("other")).Version);
    }

    [Fact]
    public async Task AddFlattenKeysAsync_ConcurrentWindowsMeetKeysAtOnce_EveryKeyKeptOnce()
    {
        // Eight windows at once, each meeting a shared key and one of its own.
        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Store.AddFlattenKeysAsync("fs", [("Props", "shared"), ("Props", "own" + i)], "run-1", i)));

        var schema = await Store.GetFlattenSchemaAsync("fs");
        Assert.Equal(9, schema.Keys.Count);
        Assert.Single(schema.Keys, k => k.Key == "shared");
        Assert.Equal(schema.Keys.Count, schema.Keys.Select(k => k.Key).Distinct().Count());
        Assert.Equal(schema.Version, added.Max(a => a.Version));
        Assert.All(added, a => Assert.Equal(a.Keys, schema.Keys.Take(a.Keys.Count))); // every answer is a prefix of the final schema
    }

    private sealed class SchemaComparer : IEqualityComparer<(int Version, IReadOnlyList<FlattenKey> Keys)>
    {
        public bool Equals((int Version, IReadOnlyList<FlattenKey> Keys) x, (int Version, IReadOnlyList<FlattenKey> Keys) y) =>
            x.Version == y.Version && x.Keys.SequenceEqual(y.Keys);

        public int GetHashCode((int Version, IReadOnlyList<FlattenKey> Keys) obj) => obj.Version;
    }

    [Fact]
    public async Task AppendEventAsync_SameEventIdTwice_StoredOnceAndReadInTimeOrder()
    {
        var start = Event("run-1", "e-start", RunEventTypes.RunStart, T0);
        var window = Event("run-1", "e-window", RunEventTypes.Window, T0.AddMinutes(1)) with
        {
            Window = Window(10, 20),
            Rows = 42,
            Bytes = 4200,
            Attempt = 2,
            Duration = TimeSpan.FromSeconds(3),
            Error = new RunError(ErrorCodes.Throttled, "slow down", true),
            Level = RunEventLevel.Warning,
            ParentRunId = "parent-1",
        };

        await Store.AppendEventAsync(window);
        await Store.AppendEventAsync(start);
        await Store.AppendEventAsync(window with { Message = "a replay must not change the stored event" });
        await Store.AppendEventAsync(Event("run-2", "e-other", RunEventTypes.RunStart, T0));

        var events = await Store.ReadRunAsync("run-1");

        Assert.Equal(["e-start", "e-window"], events.Select(e => e.EventId));
        Assert.Equal(window, events[1]);
        Assert.Empty(await Store.ReadRunAsync("run-none"));
    }

    [Fact]
    public async Task ListRecentRunsAsync_SeveralRuns_NewestFirstWithFinalStatus()
    {
        await Store.AppendEventAsync(Event("r-old", "r-old:start", RunEventTypes.RunStart, T0, "cfg-a"));
        await Store.AppendEventAsync(Event("r-mid", "r-mid:start", RunEventTypes.RunStart, T0.AddDays(1), "cfg-b"));
        await Store.AppendEventAsync(Event("r-new", "r-new:start", RunEventTypes.RunStart, T0.AddDays(2).AddHours(3), "cfg-a"));
        await Store.AppendEventAsync(Event("r-old", "r-old:end", RunEventTypes.RunEnd, T0.AddHours(1), "cfg-a") with { Status = RunStatus.Partial });
        await Store.AppendEventAsync(Event("r-new", "r-new:w", RunEventTypes.Window, T0.AddDays(2).AddHours(4), "cfg-a"));

        var recent = await Store.ListRecentRunsAsync(10);
        var top2 = await Store.ListRecentRunsAsync(2);
        var forA = await Store.ListRecentRunsAsync(10, "cfg-a");

        Assert.Equal(["r-new", "r-mid", "r-old"], recent.Select(r => r.RunId));
        Assert.Equal([RunStatus.Running, RunStatus.Running, RunStatus.Partial], recent.Select(r => r.Status));
        Assert.Equal(T0, recent[2].StartedAt);
        Assert.Equal(T0.AddHours(1), recent[2].EndedAt);
        Assert.Equal(["r-new", "r-mid"], top2.Select(r => r.RunId));
        Assert.Equal(["r-new", "r-old"], forA.Select(r => r.RunId));
    }

    [Fact]
    public async Task PruneRunHistoryAsync_RunsOfThreeAges_DropsOldEventsThenOldSummariesNeverCheckpoints()
    {
        // r-old is past both ages, r-mid past the events' age only, r-new within both.
        await Store.CreateConfigAsync(Config("cfg"));
        await Store.RecordWindowAsync(Checkpoint("cfg", 0, 10) with { RunId = "r-old" });
        await Store.AppendEventAsync(Event("r-old", "r-old:start", RunEventTypes.RunStart, T0));
        await Store.AppendEventAsync(Event("r-old", "r-old:window", RunEventTypes.Window, T0.AddMinutes(1)));
        await Store.AppendEventAsync(Event("r-old", "r-old:end", RunEventTypes.RunEnd, T0.AddHours(1)) with { Status = RunStatus.Failed });
        await Store.AppendEventAsync(Event("r-mid", "r-mid:start", RunEventTypes.RunStart, T0.AddDays(100)) with { ParentRunId = "r-old" });
        await Store.AppendEventAsync(Event("r-mid", "r-mid:end", RunEventTypes.RunEnd, T0.AddDays(100).AddHours(2)) with { Status = RunStatus.Succeeded, Rows = 7, Bytes = 70, SlaMissed = true });
        await Store.AppendEventAsync(Event("r-new", "r-new:start", RunEventTypes.RunStart, T0.AddDays(200)));

        var pruned = await Store.PruneRunHistoryAsync(eventsBefore: T0.AddDays(150), summariesBefore: T0.AddDays(50));
        var again = await Store.PruneRunHistoryAsync(eventsBefore: T0.AddDays(150), summariesBefore: T0.AddDays(50));

        Assert.Equal(new RunHistoryPruned(5, 1), pruned);
        Assert.Equal(new RunHistoryPruned(0, 0), again);
        Assert.Empty(await Store.ReadRunAsync("r-old"));
        Assert.Empty(await Store.ReadRunAsync("r-mid"));
        Assert.Single(await Store.ReadRunAsync("r-new"));
        var runs = await Store.ListRecentRunsAsync(10);
        Assert.Equal(["r-new", "r-mid"], runs.Select(r => r.RunId));
        Assert.Equal(("r-old", 7L, 70L, true, RunStatus.Succeeded), (runs[1].ParentRunId, runs[1].Rows, runs[1].Bytes, runs[1].SlaMissed, runs[1].Status));
        Assert.Equal(["r-new"], (await Store.ListRunsSinceAsync(T0.AddDays(150))).Select(r => r.RunId));
        Assert.Equal(["r-new", "r-mid"], (await Store.ListRunsSinceAsync(T0.AddDays(100), "cfg")).Select(r => r.RunId));
        Assert.Equal("r-old", Assert.Single(await ListWindowsAsync("cfg")).RunId);
        Assert.True((await Store.GetCoverageAsync("cfg", TimeAxis.TimeGenerated)).Contains(Window(0, 10).Start));
    }

    [Fact]
    public async Task SetStreamWatermarkAsync_OlderSequenceAfterNewer_KeepsTheNewer()
    {
        await Store.SetStreamWatermarkAsync(Watermark("hub-a", "0", 100));
        await Store.SetStreamWatermarkAsync(Watermark("hub-a", "0", 250));
        await Store.SetStreamWatermarkAsync(Watermark("hub-a", "0", 120));
        await Store.SetStreamWatermarkAsync(Watermark("hub-a", "1", 7));
        await Store.SetStreamWatermarkAsync(Watermark("hub-b", "0", 1));

        var p0 = await Store.GetStreamWatermarkAsync("hub-a", "0");
        var all = await Store.ListStreamWatermarksAsync("hub-a");

        Assert.Equal(250, p0!.SequenceNumber);
        Assert.Equal("offset-250", p0.Offset);
        Assert.Equal(T0.AddSeconds(250), p0.EnqueuedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(250.5), p0.Lag);
        Assert.Equal([("0", 250L), ("1", 7L)], all.Select(w => (w.PartitionId, w.SequenceNumber)));
        Assert.Null(await Store.GetStreamWatermarkAsync("hub-a", "9"));
    }

    protected static Interval Window(long start, long end) => new(T0.UtcTicks + start, T0.UtcTicks + end);

    protected static WindowCheckpoint Checkpoint(string configId, long start, long end) => new()
    {
        ConfigId = configId,
        Axis = TimeAxis.TimeGenerated,
        Window = Window(start, end),
        RunId = "run",
        Files = [$"lake/{configId}-{start}-{end}.parquet"],
        Rows = end - start,
        Bytes = (end - start) * 100,
        SourceCount = end - start,
        CompletedAt = T0,
    };

    protected static RunEvent Event(string runId, string eventId, string type, DateTimeOffset at, string configId = "cfg") => new()
    {
        EventId = eventId,
        RunId = runId,
        ConfigId = configId,
        EventType = type,
        Timestamp = at,
        Start = type == RunEventTypes.RunStart ? at : null,
        End = type == RunEventTypes.RunEnd ? at : null,
    };

    private static StreamWatermark Watermark(string hub, string partition, long sequence) => new()
    {
        Hub = hub,
        PartitionId = partition,
        SequenceNumber = sequence,
        Offset = $"offset-{sequence}",
        EnqueuedAt = T0.AddSeconds(sequence),
        Lag = TimeSpan.FromMilliseconds(sequence + 0.5),
    };

    private async Task<List<WindowCheckpoint>> ListWindowsAsync(string configId)
    {
        var list = new List<WindowCheckpoint>();
        await foreach (var window in Store.ListWindowsAsync(configId))
        {
            list.Add(window);
        }

        return list;
    }
}
