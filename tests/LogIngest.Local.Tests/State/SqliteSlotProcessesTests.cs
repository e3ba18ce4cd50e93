using System.Diagnostics;
using System.Globalization;
using LogIngest.Core.Sources;
using LogIngest.Local.State;
using LogIngest.TestSupport.QuerySlots;
using Xunit.Abstractions;

namespace LogIngest.Local.Tests.State;

/// <summary>
/// The app-wide query slots across real OS processes on one SQLite state file (two <c>logingest</c>
/// commands at once, say): each process is this test assembly run through <see cref="SlotProbeProgram"/>.
/// </summary>
public sealed class SqliteSlotProcessesTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("logingest-slot-processes-").FullName;
    private readonly List<Process> _processes = [];

    private string Database => Path.Combine(_folder, "state.db");

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Process StartProbe(string intervals, string mode, int queries)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(SlotProbeProgram).Assembly.Location, "slot-probe", Database, intervals, mode, queries.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the probe process did not start");
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task QueryGates_ThreeProcessesOnOneStateFile_NeverMoreThanFiveInFlight()
    {
        // Open once first, so the processes do not race to create the schema.
        new SqliteStateStore(new SqliteStateOptions { DatabasePath = Database }).Dispose();
        var files = Enumerable.Range(0, 3).Select(i => Path.Combine(_folder, $"intervals-{i}.txt")).ToList();
        var probes = files.Select(f => StartProbe(f, "run", 20)).ToList();

        foreach (var probe in probes)
        {
            var errors = probe.StandardError.ReadToEndAsync();
            await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(probe.ExitCode == 0, $"probe exited {probe.ExitCode}: {await errors}");
        }

        var intervals = files.SelectMany(File.ReadAllLines).Select(l => l.Split(' ')).Select(p => (Start: long.Parse(p[0], CultureInfo.InvariantCulture), End: long.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        var peak = MostAtOnce(intervals);
        output.WriteLine($"sqlite, 3 processes x 20 queries: most in flight across processes {peak}");
        Assert.Equal(60, intervals.Count);
        Assert.InRange(peak, 2, 5);
    }

    [Fact]
    public async Task QueryGate_ProcessKilledHoldingEverySlot_SlotComesBackWithinLeasePlusPoll()
    {
        var options = SlotProbeProgram.Options;
        var holder = StartProbe(Path.Combine(_folder, "unused.txt"), "hold", 5);
        var line = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal("holding", line);
        using var store = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Database });
        using var survivor = new QueryGate(5, store, options);
        var waiting = new SignalSource(block: false);
        var query = survivor.Wrap(waiting).CountAsync(InFlightSource.Query(0));
        await Task.Delay(options.RenewInterval * 2);
        Assert.False(waiting.FirstStart.IsCompleted, "a query ran while another process held every slot");

        var clock = Stopwatch.StartNew();
        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        var firstExpiry = EarliestHeldExpiry();
        await query.WaitAsync(TimeSpan.FromMinutes(2));
        var returned = clock.Elapsed;
        var startedAt = await waiting.FirstStart;

        output.WriteLine($"sqlite, killed process: slot back after {returned.TotalSeconds:F2} s (lease {options.LeaseDuration.TotalSeconds} s, renew {options.RenewInterval.TotalSeconds} s)");
        Assert.True(startedAt >= firstExpiry, $"slot taken at {startedAt:o}, before any of the killed holder's leases ran out (the first at {firstExpiry:o})");
        Assert.True(returned <= options.LeaseDuration + options.MaxPollDelay + TimeSpan.FromSeconds(10), $"slot back after {returned}");
    }

    /// <summary>The earliest expiry among held slots, read from the file as the killed process left it.</summary>
    private DateTimeOffset EarliestHeldExpiry()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Database);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(expires_ticks) FROM query_slots WHERE holder IS NOT NULL";
        return new DateTimeOffset((long)command.ExecuteScalar()!, TimeSpan.Zero);
    }

    /// <summary>The most intervals that overlap at any instant (an end and a start at one tick do not overlap).</summary>
    private static int MostAtOnce(IEnumerable<(long Start, long End)> intervals)
    {
        var events = intervals.SelectMany(i => new[] { (At: i.Start, Change: 1), (At: i.End, Change: -1) }).OrderBy(e => e.At).ThenBy(e => e.Change);
        int now = 0, most = 0;
        foreach (var e in events)
        {
            now += e.Change;
            most = Math.Max(most, now);
        }

        return most;
    }
}
