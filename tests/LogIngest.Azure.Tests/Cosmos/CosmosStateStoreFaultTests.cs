using System.Collections.Concurrent;
using LogIngest.Azure.Cosmos;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.State;
using LogIngest.TestSupport.Contracts;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Cosmos;

/// <summary>Timeouts, 503s and reset connections injected between the Cosmos state store and the Cosmos server.</summary>
public sealed class CosmosStateStoreFaultTests(CosmosServerFixture server) : IClassFixture<CosmosServerFixture>
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordWindowAsync_FaultsOnFirstTryOfEveryWrite_AllWindowsAndCoverageLand()
    {
        var firstTries = new ConcurrentDictionary<string, bool>();
        var kinds = new[] { InjectedFault.ServiceUnavailable, InjectedFault.ResetAfterSend, InjectedFault.ResetBeforeSend };
        var counter = 0;
        var options = Options(request =>
        {
            if (!IsDocumentWrite(request))
            {
                return InjectedFault.None;
            }

            // Each write's first try fails (kinds in turn); later tries of the same write get through.
            var key = request.Method + " " + request.RequestUri + " " + request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return firstTries.TryAdd(key, true) ? kinds[Interlocked.Increment(ref counter) % kinds.Length] : InjectedFault.None;
        }, out var handler);
        using var store = new CosmosStateStore(options);

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.RecordWindowAsync(Checkpoint("faulty", i * 2, (i * 2) + 1), ct));

        Assert.True(handler().Injected >= 40, $"only {handler().Injected} faults were injected");
        Assert.Equal(IntervalSet.Of(Enumerable.Range(0, 40).Select(i => Window(i * 2, (i * 2) + 1))), await store.GetCoverageAsync("faulty", TimeAxis.TimeGenerated));
        var windows = new List<WindowCheckpoint>();
        await foreach (var window in store.ListWindowsAsync("faulty"))
        {
            windows.Add(window);
        }

        Assert.Equal(40, windows.Count);
    }

    [Fact]
    public async Task RecordWindowAsync_OneWriteHangs_TimesOutAndRetriesToSuccess()
    {
        var armed = 1;
        var options = Options(request =>
            IsDocumentWrite(request) && Interlocked.Exchange(ref armed, 0) == 1 ? InjectedFault.Hang : InjectedFault.None, out var handler);
        using var store = new CosmosStateStore(options);

        await store.RecordWindowAsync(Checkpoint("hang", 0, 10));

        Assert.Equal(1, handler().Injected);
        Assert.Equal(IntervalSet.Of(Window(0, 10)), await store.GetCoverageAsync("hang", TimeAxis.TimeGenerated));
    }

    [Fact]
    public async Task UpdateConfigAsync_ResponseLostAfterTheReplaceLanded_SucceedsWithoutAFalseConflict()
    {
        var armed = 0;
        var options = Options(request =>
            request.Method == HttpMethod.Put && IsDocumentWrite(request) && Interlocked.Exchange(ref armed, 0) == 1 ? InjectedFault.ResetAfterSend : InjectedFault.None, out _);
        using var store = new CosmosStateStore(options);
        var created = await store.CreateConfigAsync(StateStoreContract.Config("lost"));

        Volatile.Write(ref armed, 1);
        var updated = await store.UpdateConfigAsync(created with { Status = RunStatus.Running, LastRunId = "r1" });

        Assert.Equal(0, Volatile.Read(ref armed));
        var read = await store.GetConfigAsync("lost");
        Assert.Equal("r1", read!.LastRunId);
        Assert.Equal(read.ETag, updated.ETag);
    }

    [Fact]
    public async Task CreateConfigAsync_ResponseLostAfterTheCreateLanded_SucceedsWithoutAFalseConflict()
    {
        var armed = 1;
        var options = Options(request =>
            request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.Contains("/colls/control/docs", StringComparison.Ordinal)
            && request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Contains("\"config\"", StringComparison.Ordinal)
            && Interlocked.Exchange(ref armed, 0) == 1 ? InjectedFault.ResetAfterSend : InjectedFault.None, out _);
        using var store = new CosmosStateStore(options);

        var created = await store.CreateConfigAsync(StateStoreContract.Config("landed"));

        Assert.Equal(0, Volatile.Read(ref armed));
        Assert.Equal(created.ETag, (await store.GetConfigAsync("landed"))!.ETag);
    }

    [Fact]
    public async Task RecordWindowAsync_CoverageWritesKeepFailing_ThrowsStateIoAndCoverageStaysShortUntilRetried()
    {
        var failing = 1;
        var options = Options(request =>
            Volatile.Read(ref failing) == 1 && IsDocumentWrite(request)
            && request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Contains("\"coverage\"", StringComparison.Ordinal)
                ? InjectedFault.ServiceUnavailable
                : InjectedFault.None, out _);
        options.MaxTransientRetries = 2;
        options.TransientRetryDelay = TimeSpan.FromMilliseconds(10);
        using var store = new CosmosStateStore(options);
        await store.CreateConfigAsync(StateStoreContract.Config("short"));

        var error = await Assert.ThrowsAsync<LogIngestException>(() => store.RecordWindowAsync(Checkpoint("short", 0, 10)));

        Assert.Equal(ErrorCodes.StateIo, error.Code);
        Assert.True(error.Retryable);
        Assert.True((await store.GetCoverageAsync("short", TimeAxis.TimeGenerated)).IsEmpty);

        Volatile.Write(ref failing, 0);
        await store.RecordWindowAsync(Checkpoint("short", 0, 10));

        Assert.Equal(IntervalSet.Of(Window(0, 10)), await store.GetCoverageAsync("short", TimeAxis.TimeGenerated));
    }

    [Fact]
    public async Task CreateConfigAsync_DatabaseAndContainerPreparationFailsOnFirstTries_RetriesAndStores()
    {
        // Found by the chaos test: one 503 while the store prepared its database failed the whole command.
        var firstTries = new ConcurrentDictionary<string, bool>();
        var kinds = new[] { InjectedFault.ServiceUnavailable, InjectedFault.ResetBeforeSend, InjectedFault.ResetAfterSend };
        var counter = 0;
        var options = Options(request =>
            !request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal) && firstTries.TryAdd(request.Method + " " + request.RequestUri.AbsolutePath, true)
                ? kinds[Interlocked.Increment(ref counter) % kinds.Length]
                : InjectedFault.None, out var handler);
        using var store = new CosmosStateStore(options);

        await store.CreateConfigAsync(StateStoreContract.Config("prepared"));

        Assert.True(handler().Injected >= 5, $"only {handler().Injected} faults were injected");
        Assert.NotNull(await store.GetConfigAsync("prepared"));
    }

    [Fact]
    public async Task GetConfigAsync_PreparationFailedPastItsRetries_TheNextCallPreparesAgain()
    {
        var failing = 1;
        var options = Options(_ => Volatile.Read(ref failing) == 1 ? InjectedFault.ServiceUnavailable : InjectedFault.None, out _);
        options.MaxTransientRetries = 1;
        using var store = new CosmosStateStore(options);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => store.GetConfigAsync("later"));
        Volatile.Write(ref failing, 0);
        await store.CreateConfigAsync(StateStoreContract.Config("later"));

        Assert.Equal(ErrorCodes.StateIo, error.Code);
        Assert.NotNull(await store.GetConfigAsync("later"));
    }

    private static bool IsDocumentWrite(HttpRequestMessage request) =>
        (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        && request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal)
        && !request.Headers.Contains("x-ms-documentdb-isquery");

    private CosmosStateOptions Options(Func<HttpRequestMessage, InjectedFault> decide, out Func<FaultInjectingHandler> handler)
    {
        FaultInjectingHandler? created = null;
        handler = () => created!;
        var options = CosmosStateStoreServerTests.Options(server);
        options.RequestTimeout = TimeSpan.FromSeconds(2);
        options.TransientRetryDelay = TimeSpan.FromMilliseconds(20);
        options.HttpClientFactory = () => new HttpClient(created = new FaultInjectingHandler(new SocketsHttpHandler(), decide)) { Timeout = TimeSpan.FromSeconds(2) };
        return options;
    }

    private static Interval Window(long start, long end) => new(T0.UtcTicks + start, T0.UtcTicks + end);

    private static WindowCheckpoint Checkpoint(string configId, long start, long end) => new()
    {
        ConfigId = configId,
        Axis = TimeAxis.TimeGenerated,
        Window = Window(start, end),
        RunId = "run",
        Rows = end - start,
        CompletedAt = T0,
    };
}
