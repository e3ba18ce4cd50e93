using System.Collections.Concurrent;

namespace LogIngest.Core.Capacity;

/// <summary>
/// A discrete-event scheduler: async code runs on one thread (this synchronization context), and time
/// moves only when every piece of that code waits for a timer. Then the clock jumps to the earliest
/// timer and wakes it. So a year of work whose every wait is a timer runs in the time its code takes.
/// Work outside virtual time (real queries) is awaited through <see cref="ExternalAsync{T}"/>: the clock
/// stands still until it answers. Deterministic: timers due at the same instant wake in the order they were set.
/// </summary>
public sealed class VirtualTimeScheduler : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _posted = [];
    private readonly PriorityQueue<TaskCompletionSource, (long Ticks, long Order)> _timers = new();
    private long _order;
    private int _external;
    private int _ownerThread = -1;

    public VirtualTimeScheduler(DateTimeOffset start)
    {
        Now = start.ToUniversalTime();
        Start = Now;
    }

    /// <summary>Where virtual time began.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Virtual now.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Virtual time passed since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => Now - Start;

    public override void Post(SendOrPostCallback d, object? state) => _posted.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("The virtual-time scheduler runs its work in order on one thread; post it.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>
    /// Completes after <paramref name="delay"/> of virtual time, or is cancelled by
    /// <paramref name="cancellationToken"/> without moving the clock (a run's heartbeat timer, cancelled
    /// when its ranges end, must not stretch the run). Call it from code running on this scheduler.
    /// </summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ThrowIfNotOwner();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (cancellationToken.IsCancellationRequested)
        {
            done.SetCanceled(cancellationToken);
            return done.Task;
        }

        // Cancelled timers stay queued and are skipped when they come up (their task is already done).
        cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        _timers.Enqueue(done, ((Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay)).UtcTicks, _order++));
        return done.Task;
    }

    /// <summary>Runs real work off this thread; virtual time stands still until it ends.</summary>
    public async Task<T> ExternalAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfNotOwner();
        _external++;
        try
        {
            return await Task.Run(work);
        }
        finally
        {
            _external--;
        }
    }

    /// <summary>
    /// Runs <paramref name="entry"/> on the calling thread in virtual time until it completes and answers its result.
    /// Throws when the work waits for something that is neither a timer nor external work (it could never end).
    /// </summary>
    public T Run<T>(Func<Task<T>> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var previous = Current;
        SetSynchronizationContext(this);
        _ownerThread = Environment.CurrentManagedThreadId;
        try
        {
            var task = entry();
            while (!task.IsCompleted)
            {
                if (_posted.TryTake(out var next))
                {
                    next.Callback(next.State);
                }
                else if (_external > 0)
                {
                    next = _posted.Take();
                    next.Callback(next.State);
                }
                else if (_timers.TryDequeue(out var timer, out var due))
                {
                    if (!timer.Task.IsCompleted)
                    {
                        Now = new DateTimeOffset(due.Ticks, TimeSpan.Zero);
                        timer.SetResult();
                    }
                }
                else
                {
                    throw new InvalidOperationException("The simulated work waits for something that is neither a timer nor external work; it can never end.");
                }
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            _ownerThread = -1;
            SetSynchronizationContext(previous);
        }
    }

    private void ThrowIfNotOwner()
    {
        if (Environment.CurrentManagedThreadId != _ownerThread)
        {
            throw new InvalidOperationException("Virtual time is used only from work running on the scheduler (Run).");
        }
    }
}
