using System.Diagnostics;
using LogIngest.Core.Model;
using Xunit.Abstractions;

namespace LogIngest.Azure.Tests.LogAnalytics;

/// <summary>
/// Measures live managed memory, which is process-wide: it runs in a collection without parallel
/// tests so another test's allocations cannot show up in its figure.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public class LogAnalyticsClientMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task QueryAsync_HalfMillionRows_ParsedWithBoundedMemory()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(
            workspace: w => w.HeartbeatRowsPerDay = 2_400_000,
            server: s => { s.MaxResultRows = 2_000_000; s.MaxResultBytes = 1L << 30; },
            client: c => { c.MaxResultRows = 2_000_000; c.MaxResultBytes = 1L << 30; });
        // The shortest window from 10:00 holding at least 500,000 rows.
        var end = LoopbackWorkspace.Day.AddHours(10);
        LogWindowQuery query;
        long expected;
        do
        {
            end = end.AddMinutes(15);
            query = new LogWindowQuery("Heartbeat", TimeAxis.TimeGenerated, Interval.FromUtc(LoopbackWorkspace.Day.AddHours(10), end));
            expected = await loop.Workspace.CountAsync(query);
        }
        while (expected < 500_000);

        var baseline = GC.GetTotalMemory(true);
        long peakLive = 0, rows = 0, batches = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var batch in loop.Client.QueryAsync(query))
        {
            rows += batch.RowCount;
            if (++batches % 16 == 0)
            {
                // Live bytes after a full collection: what the stream holds, not garbage awaiting a GC.
                peakLive = Math.Max(peakLive, GC.GetTotalMemory(true) - baseline);
            }
        }

        var info = GC.GetGCMemoryInfo();
        output.WriteLine($"rows={rows} batches={batches} peak_live_managed_bytes={peakLive} ({peakLive / 1048576.0:F1} MiB) " +
            $"gc_heap_bytes_at_end={info.HeapSizeBytes} process_peak_working_set={Environment.WorkingSet} elapsed={clock.Elapsed.TotalSeconds:F1}s (server in the same process)");
        Assert.Equal(expected, rows);
        // The response is over 100 MB of JSON; holding it, or its rows, would show here.
        Assert.True(peakLive < 32L * 1024 * 1024, $"peak live {peakLive} bytes");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "Memory measurements";
}
