using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.TestSupport.QuerySlots;

/// <summary>
/// A fake workspace for cap tests: each query lasts as many milliseconds as its window's end says
/// (<see cref="Query"/>), and every query of every host that shares one <see cref="InFlightSource"/>
/// is counted while it runs, independently of the gates in front, as the service would count them.
/// </summary>
public sealed class InFlightSource : ILogSource
{
    private int _inFlight;
    private int _peak;
    private int _completed;

    /// <summary>The most queries that ran at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public int Completed => Volatile.Read(ref _completed);

    /// <summary>A query that runs <paramref name="milliseconds"/>.</summary>
    public static LogWindowQuery Query(int milliseconds) => new("T", TimeAxis.TimeGenerated, new Interval(0, milliseconds));

    /// <summary>A histogram query that runs <paramref name="milliseconds"/>.</summary>
    public static LogHistogramQuery Histogram(int milliseconds) => new("T", TimeAxis.TimeGenerated, new Interval(0, milliseconds), TimeSpan.FromHours(1));

    public async Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Enter();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(query.Range.End), cancellationToken);
            return [];
        }
        finally
        {
            Leave();
        }
    }

    public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Enter();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(query.Window.End), cancellationToken);
            return 0;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Three empty batches over the query's duration: a stream holds its slot until it ends.</summary>
    public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Enter();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(query.Window.End / 3.0), cancellationToken);
                yield return new LogBatch([]);
            }
        }
        finally
        {
            Leave();
        }
    }

    private void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    private void Leave()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
    }
}
