using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Local.State;

namespace LogIngest.Local.Tests.State;

/// <summary>
/// One app host as a separate OS process, for <see cref="SqliteSlotProcessesTests"/>:
/// <c>dotnet LogIngest.Local.Tests.dll slot-probe &lt;state.db&gt; &lt;intervals file&gt; run &lt;queries&gt;</c> runs that
/// many queries at once through a <see cref="QueryGate"/> with SQLite slots (each 20-200 ms) and
/// writes each query's start and end (UTC ticks) to the file; <c>... hold 5</c> starts five queries
/// that never end, prints "holding" once they all run, and waits to be killed.
/// </summary>
internal static class SlotProbeProgram
{
    public static readonly QuerySlotOptions Options = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(6),
        RenewInterval = TimeSpan.FromMilliseconds(500),
        MinPollDelay = TimeSpan.FromMilliseconds(20),
        MaxPollDelay = TimeSpan.FromMilliseconds(250),
    };

    public static async Task<int> Main(string[] args)
    {
        if (args is not ["slot-probe", var database, var intervals, var mode, var countText] || !int.TryParse(countText, CultureInfo.InvariantCulture, out var count))
        {
            await Console.Error.WriteLineAsync("usage: slot-probe <state.db> <intervals file> run|hold <queries>");
            return 2;
        }

        using var store = new SqliteStateStore(new SqliteStateOptions { DatabasePath = database });
        using var gate = new QueryGate(5, store, Options);
        var source = new IntervalSource(block: mode == "hold");
        var gated = gate.Wrap(source);
        var random = new Random(Environment.ProcessId);
        var queries = Enumerable.Range(0, count).Select(_ => gated.CountAsync(new LogWindowQuery("T", TimeAxis.TimeGenerated, new Interval(0, random.Next(20, 200))))).ToList();
        if (mode == "hold")
        {
            while (source.Started < count)
            {
                await Task.Delay(10);
            }

            Console.WriteLine("holding");
            await Task.Delay(Timeout.Infinite);
        }

        await Task.WhenAll(queries);
        await File.WriteAllLinesAsync(intervals, source.Intervals.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Start} {i.End}")));
        return 0;
    }

    /// <summary>Records when each query ran (wall-clock ticks, comparable across processes on one machine).</summary>
    private sealed class IntervalSource(bool block) : ILogSource
    {
        private readonly List<(long Start, long End)> _intervals = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public IReadOnlyList<(long Start, long End)> Intervals
        {
            get
            {
                lock (_intervals)
                {
                    return [.. _intervals];
                }
            }
        }

        public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
        {
            var start = DateTime.UtcNow.Ticks;
            Interlocked.Increment(ref _started);
            await Task.Delay(block ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(query.Window.End), cancellationToken);
            lock (_intervals)
            {
                _intervals.Add((start, DateTime.UtcNow.Ticks));
            }

            return 0;
        }

        public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
