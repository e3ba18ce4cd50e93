using Microsoft.Extensions.Options;

namespace LogIngest.Core.Activities;

/// <summary>
/// Bounds how many windows of this process encode and write their Parquet files at once (the second
/// stage of <see cref="IngestWindowActivity"/>). Query slots bound the windows that stream; a window
/// lets its slot go once its result is in, so without this bound every window in flight could be
/// writing at the same time, each holding a row group and open pages in memory while they share the
/// same few cores. Writing is CPU work: more writers than cores only raises the memory peak.
/// </summary>
public sealed class WindowWriteGate : IDisposable
{
    private readonly SemaphoreSlim _writers;

    public WindowWriteGate(IOptions<IngestWindowOptions>? options = null)
    {
        Capacity = (options?.Value ?? new IngestWindowOptions()).EffectiveMaxConcurrentWrites;
        _writers = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>Windows that may write at once.</summary>
    public int Capacity { get; }

    /// <summary>Waits for a writer's place; dispose the answer to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Place(_writers);
    }

    public void Dispose() => _writers.Dispose();

    private sealed class Place(SemaphoreSlim writers) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writers.Release();
            }
        }
    }
}
