using System.Diagnostics;
using System.Globalization;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.TestSupport.QuerySlots;
using Xunit;
using Xunit.Abstractions;

namespace LogIngest.TestSupport.Contracts;

/// <summary>
/// What hosts sharing one state store get from the app-wide query slots: several independent
/// <see cref="QueryGate"/>s (each with its own process cap, as separate app instances have) over one
/// store never run more queries at once than the app-wide cap, and a host that dies holding slots
/// gives them back within a lease and a poll. A test class per adapter derives from this and says how
/// a host opens the shared store. Figures go to the test output.
/// </summary>
public abstract class SharedQuerySlotsContract(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// Short leases so a dead holder's slot comes back within seconds, yet 5.5 s between a renewal and
    /// its lease's end: on a loaded 2-core machine a timer or a store call can stall for seconds.
    /// </summary>
    protected static QuerySlotOptions Options => new()
    {
        LeaseDuration = TimeSpan.FromSeconds(6),
        RenewInterval = TimeSpan.FromMilliseconds(500),
        MinPollDelay = TimeSpan.FromMilliseconds(20),
        MaxPollDelay = TimeSpan.FromMilliseconds(250),
    };

    /// <summary>Room for a busy machine in the time bounds; the bounds guard against "never", not against "slow".</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    /// <summary>The name figures are printed under.</summary>
    protected abstract string StoreName { get; }

    /// <summary>A new store object on the shared data, as one more app instance opens it.</summary>
    protected abstract IQuerySlotStore OpenHost();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task QueryGates_FourHostsSixtyQueries_NeverMoreThanFiveInFlightAcrossHosts()
    {
        var service = new InFlightSource();
        var gates = Enumerable.Range(0, 4).Select(_ => new QueryGate(5, OpenHost(), Options)).ToList();
        try
        {
            var random = new Random(11);
            var durations = Enumerable.Range(0, 60).Select(_ => random.Next(20, 200)).ToList();
            var sources = gates.Select(g => g.Wrap(service)).ToList();
            var clock = Stopwatch.StartNew();

            await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => RunAsync(sources[i % 4], i % 3, durations[i])))).WaitAsync(TimeSpan.FromMinutes(5));

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{StoreName}: 4 hosts, 60 queries ({durations.Sum()} ms of query time) in {clock.ElapsedMilliseconds} ms; most in flight across hosts {service.Peak}; per-host peaks {string.Join("/", gates.Select(g => g.PeakInFlight))}"));
            Assert.Equal(60, service.Completed);
            Assert.All(gates, g => Assert.Equal(15, g.Queries));
            Assert.InRange(service.Peak, 2, 5);
        }
        finally
        {
            gates.ForEach(g => g.Dispose());
        }
    }

    [Fact]
    public async Task QueryGate_HostDiesHoldingEverySlot_AnotherHostGetsOneWithinLeasePlusPoll()
    {
        var options = Options;
        var returns = new List<TimeSpan>();
        for (var trial = 0; trial < 3; trial++)
        {
            using var dyingStore = new KillableSlotStore(OpenHost());
            var dyingLog = new RecordingLogger("dying", output);
            var survivorLog = new RecordingLogger("survivor", output);
            using var dying = new QueryGate(5, dyingStore, options, dyingLog);
            using var survivor = new QueryGate(5, OpenHost(), options, survivorLog);
            var held = new SignalSource(block: true);
            var dyingQueries = Enumerable.Range(0, 5).Select(_ => dying.Wrap(held).CountAsync(InFlightSource.Query(0))).ToList();
            await held.WaitForStartedAsync(5, TimeSpan.FromMinutes(1));
            var waiting = new SignalSource(block: false);
            var survivorQuery = survivor.Wrap(waiting).CountAsync(InFlightSource.Query(0));

            // Alive, the holder keeps its slots past their first lease by renewing them (shown once).
            await Task.Delay(trial == 0 ? options.LeaseDuration + TimeSpan.FromSeconds(1) : options.RenewInterval * 2);
            Assert.False(waiting.FirstStart.IsCompleted, "a host got a slot that a live host holds");

            var clock = Stopwatch.StartNew();
            dyingStore.Kill();
            var startedAt = await waiting.FirstStart.WaitAsync(TimeSpan.FromMinutes(2));
            var returned = clock.Elapsed;
            await survivorQuery;
            returns.Add(returned);

            Assert.True(startedAt >= dyingStore.EarliestExpiry, $"slot taken at {startedAt:o}, before any of the dead holder's leases ran out (the first at {dyingStore.EarliestExpiry:o})");
            Assert.True(returned <= options.LeaseDuration + options.MaxPollDelay + Slack, $"a dead holder's slot came back after {returned}");

            Assert.Contains(survivorLog.Entries, e => e.EventId == 302); // "took over query slot N from <host/pid>"

            // The cut-off host stops its own queries once it cannot keep their leases: retryable T103.
            foreach (var query in dyingQueries)
            {
                var error = await Assert.ThrowsAsync<LogIngestException>(() => query.WaitAsync(TimeSpan.FromMinutes(1)));
                Assert.Equal(ErrorCodes.Unavailable, error.Code);
            }

            Assert.Equal(5, dyingLog.Entries.Count(e => e.EventId == 304)); // "lost query slot N"
        }

        var sorted = returns.Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{StoreName}: dead holder's slot back after min {sorted[0].TotalSeconds:F2} s, median {sorted[sorted.Count / 2].TotalSeconds:F2} s, max {sorted[^1].TotalSeconds:F2} s (lease {options.LeaseDuration.TotalSeconds} s, renew {options.RenewInterval.TotalSeconds} s, poll <= {options.MaxPollDelay.TotalSeconds} s)"));
    }

    private static async Task RunAsync(ILogSource source, int kind, int milliseconds)
    {
        switch (kind)
        {
            case 0:
                await source.CountAsync(InFlightSource.Query(milliseconds));
                break;
            case 1:
                await source.GetHistogramAsync(InFlightSource.Histogram(milliseconds));
                break;
            default:
                await foreach (var batch in source.QueryAsync(InFlightSource.Query(milliseconds)))
                {
                    // A consumer that takes its time: the stream keeps its slot meanwhile.
                    await Task.Delay(5);
                }

                break;
        }
    }
}
