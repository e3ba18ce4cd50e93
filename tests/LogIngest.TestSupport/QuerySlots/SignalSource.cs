using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.TestSupport.QuerySlots;

/// <summary>
/// A fake workspace that tells when its count queries start and, when <paramref name="block"/>, keeps
/// each running until its caller cancels it (a query that outlives any lease).
/// </summary>
public sealed class SignalSource(bool block) : ILogSource
{
    private readonly TaskCompletionSource<DateTimeOffset> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public int Started => Volatile.Read(ref _started);

    /// <summary>The wall-clock time the first query started.</summary>
    public Task<DateTimeOffset> FirstStart => _first.Task;

    public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        _first.TrySetResult(DateTimeOffset.UtcNow);
        Interlocked.Increment(ref _started);
        if (block)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return 0;
    }

    /// <summary>Waits until <paramref name="count"/> queries started.</summary>
    public async Task WaitForStartedAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Started < count)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
