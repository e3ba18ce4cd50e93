using LogIngest.Core.Activities;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Tests.Transform;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace LogIngest.Core.Tests.Activities;

public sealed class WindowWriteGateTests : IDisposable
{
    private static readonly (string, LogColumnType)[] Schema = [("TimeGenerated", LogColumnType.DateTime), ("_ItemId", LogColumnType.Guid)];
    private static readonly DateTime Midnight = new(2025, 5, 7, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RunAsync_SixWindowsAtOnce_NoMoreWriteThanTheGateAllowsAndEveryRowLands(int writers)
    {
        var lake = new ConcurrencyLake(_lake.Store);
        using var gate = new WindowWriteGate(Options.Create(new IngestWindowOptions { MaxConcurrentWrites = writers }));
        var runs = Enumerable.Range(0, 6).Select(hour =>
        {
            var window = Interval.FromUtc(Midnight.AddHours(hour), Midnight.AddHours(hour + 1));
            var rows = Enumerable.Range(0, 50).Select(i => new object?[] { Midnight.AddHours(hour).AddSeconds(i), new Guid(hour, (short)i, 0, new byte[8]).ToString() }).ToArray();
            var source = new ScriptedLogSource([Rows.Batch(Schema, rows)], null, rows.Length);
            var input = new IngestWindowInput(new LoadConfig { Id = "c", Table = "T" }, "run", TimeAxis.TimeGenerated, window, null);
            return new IngestWindowActivity(source, lake, writeGate: gate).RunAsync(input);
        }).ToList();

        var results = await Task.WhenAll(runs);

        Assert.Equal(writers, lake.MostAtOnce);
        Assert.All(results, r => Assert.Equal(WindowStatus.Completed, r.Status));
        Assert.Equal(300, results.Sum(r => r.Rows));
        Assert.Equal(results.SelectMany(r => r.Files).Order(StringComparer.Ordinal), _lake.Files());
    }

    [Fact]
    public async Task RunAsync_NewerRunStartsWhileTheWindowWaitsToWrite_WritesNothingAndAnswersStopped()
    {
        // A terminated run's activity may wait at the gate for minutes; the newer run must not find its files.
        var window = Interval.FromUtc(Midnight, Midnight.AddHours(1));
        // Counted 2 before the stream and 1 after (a row left at the retention edge): the second count
        // tells the test the window is done reading and goes on to write.
        var source = new ScriptedLogSource([Rows.Batch(Schema, [Midnight.AddMinutes(5), "0000000a-0000-4000-8000-000000000000"])], null, 2, 1);
        var config = new LoadConfig { Id = "c", Table = "T" };
        var newer = false;
        var control = new Mock<IControlStore>();
        control.Setup(c => c.GetConfigAsync("c", It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new Core.State.ControlDocument { Config = config, LastRunId = Volatile.Read(ref newer) ? "newer-run" : "run" });
        using var gate = new WindowWriteGate(Options.Create(new IngestWindowOptions { MaxConcurrentWrites = 1 }));
        var held = await gate.EnterAsync(CancellationToken.None);
        var activity = new IngestWindowActivity(source, _lake.Store, control: control.Object, writeGate: gate);

        var run = activity.RunAsync(new IngestWindowInput(config, "run", TimeAxis.TimeGenerated, window, null));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (source.CountCalls < 2 && !run.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, source.CountCalls);

        await Task.Delay(300);
        Volatile.Write(ref newer, true);
        held.Dispose();

        var error = await Assert.ThrowsAsync<LogIngestException>(() => run);
        Assert.Equal(ErrorCodes.Stopped, error.Code);
        Assert.Empty(_lake.Files());
    }

    [Fact]
    public void Capacity_DefaultIsTheProcessorCountAndTheHostSharesOneGate()
    {
        var services = new ServiceCollection().AddLogIngest().BuildServiceProvider();

        Assert.Equal(Environment.ProcessorCount, services.GetRequiredService<WindowWriteGate>().Capacity);
        Assert.Same(services.GetRequiredService<WindowWriteGate>(), services.GetRequiredService<WindowWriteGate>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_WritersBelowOne_ThrowsNamingTheSetting(int writers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WindowWriteGate(Options.Create(new IngestWindowOptions { MaxConcurrentWrites = writers })));

        Assert.Contains("IngestWindowOptions.MaxConcurrentWrites must be at least 1", error.Message, StringComparison.Ordinal);
    }

    // Passes through to a real lake and records how many files were being written at once.
    private sealed class ConcurrencyLake(ILakeStore inner) : DelegatingLake(inner)
    {
        private int _now;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public override async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _now);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }

            try
            {
                // Long enough that writers the gate let through together overlap here.
                await Task.Delay(300, cancellationToken);
                return await Inner.PutAsync(path, writeContent, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }
}
