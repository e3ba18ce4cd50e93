namespace LogIngest.Core.Capacity;

/// <summary>
/// The query gate's slots in virtual time: at most <see cref="Count"/> queries hold one at once, the
/// others wait in arrival order. Used only from work running on its <see cref="VirtualTimeScheduler"/>.
/// </summary>
public sealed class VirtualQuerySlots
{
    private readonly VirtualTimeScheduler _scheduler;
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private int _held;

    public VirtualQuerySlots(VirtualTimeScheduler scheduler, int count)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _scheduler = scheduler;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The most slots held at once.</summary>
    public int PeakHeld { get; private set; }

    /// <summary>Virtual time queries spent holding a slot, summed over queries.</summary>
    public TimeSpan BusyTime { get; private set; }

    /// <summary>Holds a slot for <paramref name="latency"/> of virtual time (one query), waiting for a free one first.</summary>
    public async Task RunQueryAsync(TimeSpan latency)
    {
        if (_held < Count)
        {
            _held++;
        }
        else
        {
            // A released slot passes straight to the first waiter, so _held stays at Count.
            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(turn);
            await turn.Task;
        }

        PeakHeld = Math.Max(PeakHeld, _held);
        try
        {
            await _scheduler.DelayAsync(latency);
            BusyTime += latency;
        }
        finally
        {
            if (_waiting.TryDequeue(out var next))
            {
                next.SetResult();
            }
            else
            {
                _held--;
            }
        }
    }
}
