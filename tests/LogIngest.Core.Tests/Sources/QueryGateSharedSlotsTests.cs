using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Local.State;
using LogIngest.TestSupport.QuerySlots;

namespace LogIngest.Core.Tests.Sources;

/// <summary>The query gate with app-wide slots, over a real SQLite state file shared by several gates (hosts).</summary>
public sealed class QueryGateSharedSlotsTests : IDisposable
{
    private static readonly QuerySlotOptions OneSlot = new()
    {
        MaxConcurrentQueries = 1,
        LeaseDuration = TimeSpan.FromSeconds(6),
        RenewInterval = TimeSpan.FromMilliseconds(200),
        MinPollDelay = TimeSpan.FromMilliseconds(20),
        MaxPollDelay = TimeSpan.FromMilliseconds(100),
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-gate-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStateStore> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SqliteStateStore Host()
    {
        var store = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(_folder, "state.db") });
        _stores.Add(store);
        return store;
    }

    private sealed class UnavailableSlots : IQuerySlotStore
    {
        public Task<QuerySlotLease?> TryAcquireAsync(QuerySlotClaim claim, CancellationToken cancellationToken = default) =>
            throw new LogIngestException(ErrorCodes.StateIo, "State store: lease a query slot failed: database is locked");

        public Task<QuerySlotLease?> RenewAsync(QuerySlotLease lease, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> ReleaseAsync(QuerySlotLease lease, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    /// <summary>A stream that yields one batch, then waits for <see cref="Finish"/> before it ends.</summary>
    private sealed class HeldOpenStream : ILogSource
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Ended { get; private set; }

        public void Finish() => _finish.TrySetResult();

        public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return new LogBatch([]);
            await _finish.Task.WaitAsync(cancellationToken);
            Ended = true;
        }

        public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public async Task CountAsync_SlotStoreUnavailable_FailsRetryableT103WithoutQuerying()
    {
        using var gate = new QueryGate(5, new UnavailableSlots());
        var service = new InFlightSource();
        var source = gate.Wrap(service);

        // More calls than the process cap: a failed acquisition must give its process permit back.
        for (var i = 0; i < 7; i++)
        {
            var error = await Assert.ThrowsAsync<LogIngestException>(() => source.CountAsync(InFlightSource.Query(1)).WaitAsync(TimeSpan.FromMinutes(1)));
            Assert.Equal(ErrorCodes.Unavailable, error.Code);
            Assert.True(error.Retryable);
            Assert.Contains("database is locked", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, service.Completed);
        Assert.Equal(0, gate.Queries);
    }

    [Fact]
    public async Task CountAsync_SlotTakenOverWhileRunning_CancelsTheQueryWithT103()
    {
        var log = new RecordingLogger("host");
        using var gate = new QueryGate(5, Host(), OneSlot, log);
        var running = new SignalSource(block: true);
        var query = gate.Wrap(running).CountAsync(InFlightSource.Query(0));
        await running.WaitForStartedAsync(1, TimeSpan.FromMinutes(1));

        // Another host whose clock is far ahead sees the lease as expired and takes the slot.
        var taker = await Host().TryAcquireAsync(new QuerySlotClaim
        {
            SlotCount = 1,
            Holder = "taker",
            Owner = "other-host",
            Now = DateTimeOffset.UtcNow.AddHours(1),
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(2),
        });

        var error = await Assert.ThrowsAsync<LogIngestException>(() => query.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.NotNull(taker);
        Assert.Equal(ErrorCodes.Unavailable, error.Code);
        Assert.Contains("another host took it over", error.Message, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.EventId == 304);

        // The stale holder's release left the taker's slot alone.
        Assert.Null(await Host().TryAcquireAsync(new QuerySlotClaim { SlotCount = 1, Holder = "third", Owner = "third", Now = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1) }));
    }

    [Fact]
    public async Task QueryAsync_StreamHoldsTheOnlySlot_OtherHostStartsOnlyAfterTheStreamEnds()
    {
        using var streaming = new QueryGate(5, Host(), OneSlot);
        using var other = new QueryGate(5, Host(), OneSlot);
        var stream = new HeldOpenStream();
        var batches = streaming.Wrap(stream).QueryAsync(InFlightSource.Query(0)).GetAsyncEnumerator();
        Assert.True(await batches.MoveNextAsync());

        var waiting = new SignalSource(block: false);
        var otherQuery = other.Wrap(waiting).CountAsync(InFlightSource.Query(0));
        await Task.Delay(500);
        Assert.False(waiting.FirstStart.IsCompleted, "a query ran while a stream held the only slot");

        stream.Finish();
        Assert.False(await batches.MoveNextAsync());
        await batches.DisposeAsync();
        await otherQuery.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(stream.Ended);
        Assert.Equal(1, waiting.Started);
    }

    [Fact]
    public async Task CountAsync_CallerCancelsWhileWaitingForASlot_ThrowsCancellationAndKeepsNoSlot()
    {
        using var holder = new QueryGate(5, Host(), OneSlot);
        using var waiter = new QueryGate(1, Host(), OneSlot);
        var held = new SignalSource(block: true);
        using var stopHolder = new CancellationTokenSource();
        var holding = holder.Wrap(held).CountAsync(InFlightSource.Query(0), stopHolder.Token);
        await held.WaitForStartedAsync(1, TimeSpan.FromMinutes(1));
        var source = new SignalSource(block: false);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.Wrap(source).CountAsync(InFlightSource.Query(0), giveUp.Token));
        await stopHolder.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);
        await waiter.Wrap(source).CountAsync(InFlightSource.Query(0)).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, source.Started);
        Assert.Equal(1, waiter.Queries);
    }

    [Fact]
    public async Task Counters_WithSharedSlots_CountEveryKindOfQuery()
    {
        using var gate = new QueryGate(5, Host());
        var source = gate.Wrap(new InFlightSource());

        await Task.WhenAll(
            source.CountAsync(InFlightSource.Query(50)),
            source.CountAsync(InFlightSource.Query(50)),
            source.GetHistogramAsync(InFlightSource.Histogram(50)),
            Drain(source.QueryAsync(InFlightSource.Query(50))));

        Assert.Equal(4, gate.Queries);
        Assert.Equal(2, gate.CountQueries);
        Assert.Equal(1, gate.HistogramQueries);
        Assert.InRange(gate.PeakInFlight, 1, 4);
        Assert.Equal(5, gate.AppWideMaxConcurrentQueries);

        static async Task Drain(IAsyncEnumerable<LogBatch> batches)
        {
            await foreach (var batch in batches)
            {
            }
        }
    }

    [Fact]
    public async Task QueryGates_FourHostsWithoutSharedSlots_RunMoreThanFiveAtOnce()
    {
        // What the app-wide slots prevent: process caps alone let four hosts run up to twenty queries at once.
        var service = new InFlightSource();
        var gates = Enumerable.Range(0, 4).Select(_ => new QueryGate(5)).ToList();
        var sources = gates.Select(g => g.Wrap(service)).ToList();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => sources[i % 4].CountAsync(InFlightSource.Query(300)))).WaitAsync(TimeSpan.FromMinutes(2));
        gates.ForEach(g => g.Dispose());

        Assert.Null(gates[0].AppWideMaxConcurrentQueries);
        Assert.True(service.Peak > 5, $"peak {service.Peak}");
    }

    [Theory]
    [InlineData(0, 30, 10, "QuerySlotOptions.MaxConcurrentQueries")]
    [InlineData(5, 0, 0, "QuerySlotOptions.LeaseDuration")]
    [InlineData(5, 30, 20, "QuerySlotOptions.RenewInterval")]
    public void Constructor_SlotOptionsOutOfRange_ThrowsNamingTheSetting(int slots, int leaseSeconds, int renewSeconds, string named)
    {
        var options = new QuerySlotOptions
        {
            MaxConcurrentQueries = slots,
            LeaseDuration = TimeSpan.FromSeconds(leaseSeconds),
            RenewInterval = TimeSpan.FromSeconds(renewSeconds),
        };

        var error = Assert.Throws<ArgumentException>(() => new QueryGate(5, new UnavailableSlots(), options));

        Assert.StartsWith(named + " ", error.Message, StringComparison.Ordinal);
    }
}
