using System.Globalization;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Sources;

/// <summary>
/// A host's side of the app-wide query slots: leases a slot in the shared store for each query,
/// waiting with a doubling, jittered and bounded poll while every slot is held; the
/// <see cref="HeldQuerySlot"/> renews the lease while the query runs and releases it at the end.
/// One acquisition per process asks the store at a time (the others wait in line here), so a busy
/// process polls the store like a single waiter. Lease times are wall-clock time of the
/// <paramref name="clock"/> given here (the system clock in a host), not the host's domain clock,
/// which the CLI or a test may shift or stop.
/// </summary>
internal sealed class SharedQuerySlots(IQuerySlotStore store, QuerySlotOptions options, ILogger? logger, TimeProvider? clock) : IDisposable
{
    /// <summary>A wait for a slot longer than this is logged: slots are busier than the app can use them.</summary>
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _polling = new(1, 1);

    public QuerySlotOptions Options => options;

    /// <summary>Who holds a slot, as the store shows it: machine and process id.</summary>
    public string Owner { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}");

    /// <summary>
    /// Leases a slot, waiting as long as every slot is held (until <paramref name="cancellationToken"/>).
    /// A store that cannot be read or written fails the query with T103 (retryable) rather than let it
    /// run uncounted past the app-wide cap.
    /// </summary>
    public async Task<HeldQuerySlot> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = _clock.GetTimestamp();
            var delay = options.MinPollDelay;
            while (true)
            {
                var now = _clock.GetUtcNow();
                var claim = new QuerySlotClaim
                {
                    SlotCount = options.MaxConcurrentQueries,
                    Holder = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
                    Owner = Owner,
                    Now = now,
                    ExpiresAt = now + options.LeaseDuration,
                };

                QuerySlotLease? lease;
                try
                {
                    lease = await store.TryAcquireAsync(claim, cancellationToken).ConfigureAwait(false);
                }
                catch (LogIngestException ex)
                {
                    QuerySlotLogs.StoreUnavailable(_logger, ex.Message);
                    throw new LogIngestException(ErrorCodes.Unavailable,
                        $"No query slot could be leased: the state store that keeps the app-wide slots failed ({ex.Message}). The query did not run; retry.", ex);
                }

                if (lease is not null)
                {
                    if (lease.TookOverFrom is { } previous)
                    {
                        QuerySlotLogs.TookOver(_logger, lease.Slot, previous, lease.TookOverExpiredAt ?? now);
                    }

                    var waited = _clock.GetElapsedTime(started);
                    if (waited >= LongWait)
                    {
                        QuerySlotLogs.WaitedLong(_logger, waited, lease.Slot, options.MaxConcurrentQueries);
                    }

                    return HeldQuerySlot.Start(store, lease, options, _logger, _clock);
                }

                await Task.Delay(Jitter(delay), _clock, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < options.MaxPollDelay ? delay * 2 : options.MaxPollDelay;
            }
        }
        finally
        {
            _polling.Release();
        }
    }

    public void Dispose() => _polling.Dispose();

    /// <summary>Between half and all of <paramref name="delay"/>, so hosts that missed together do not ask again together.</summary>
    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.5 + (Random.Shared.NextDouble() * 0.5));
}
