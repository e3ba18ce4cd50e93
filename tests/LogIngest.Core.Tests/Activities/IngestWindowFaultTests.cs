using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Tests.Transform;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace LogIngest.Core.Tests.Activities;

public sealed class IngestWindowFaultTests : IDisposable
{
    private static readonly (string, LogColumnType)[] Schema = [("TimeGenerated", LogColumnType.DateTime), ("_ItemId", LogColumnType.Guid)];
    private const string ItemA = "0000000a-0000-4000-8000-000000000000";
    private const string ItemB = "0000000b-0000-4000-8000-000000000000";
    private const string ItemC = "0000000c-0000-4000-8000-000000000000";
    private static readonly DateTime Midnight = new(2025, 5, 7, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task RunAsync_SecondDayWriteFailsThenRetried_SameFilesAsAnUninterruptedIngest()
    {
        var window = Interval.FromUtc(Midnight.AddHours(-1), Midnight.AddHours(1));
        var batch = Rows.Batch(Schema, [Midnight.AddMinutes(-5), ItemA], [Midnight.AddMinutes(5), ItemB], [Midnight.AddMinutes(6), ItemC]);
        var source = new ScriptedLogSource([batch], null, 3);
        var flaky = new FailingLake(_lake.Store, failOnPut: 2);
        var input = new IngestWindowInput(new LoadConfig { Id = "c", Table = "T" }, "run", TimeAxis.TimeGenerated, window, null);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => new IngestWindowActivity(source, flaky).RunAsync(input));
        Assert.Equal(ErrorCodes.LakeIo, error.Code);
        Assert.True(error.Retryable);
        Assert.Single(_lake.Files()); // the first day landed; the window is not checkpointed, so it is not done

        var retried = await new IngestWindowActivity(source, flaky).RunAsync(input);

        Assert.Equal(3, retried.Rows);
        Assert.Equal(retried.Files, _lake.Files());
        Assert.Equal(2, retried.Files.Count);
        using var clean = new TempLake();
        var reference = await new IngestWindowActivity(source, clean.Store).RunAsync(input);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(clean.Root, reference.Files[i])), File.ReadAllBytes(Path.Combine(_lake.Root, retried.Files[i])));
        }
    }

    [Fact]
    public async Task RunAsync_RunSupersededByANewerRunOfTheConfig_WritesNothingAndAnswersStopped()
    {
        // A run terminated on Durable still finishes its running activities; once the config's next run
        // has started, such a window must not land files beside it.
        var window = Interval.FromUtc(Midnight.AddHours(-1), Midnight.AddHours(1));
        var source = new ScriptedLogSource([Rows.Batch(Schema, [Midnight.AddMinutes(5), ItemA])], null, 1);
        var config = new LoadConfig { Id = "c", Table = "T" };
        var control = new Mock<IControlStore>();
        control.Setup(c => c.GetConfigAsync("c", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Core.State.ControlDocument { Config = config, LastRunId = "newer-run" });
        var activity = new IngestWindowActivity(source, _lake.Store, control: control.Object);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => activity.RunAsync(new IngestWindowInput(config, "older-run", TimeAxis.TimeGenerated, window, null)));
        var current = await activity.RunAsync(new IngestWindowInput(config, "newer-run", TimeAxis.TimeGenerated, window, null));

        Assert.Equal(ErrorCodes.Stopped, error.Code);
        Assert.Contains("newer-run", error.Message, StringComparison.Ordinal);
        Assert.Equal(current.Files, _lake.Files());
    }

    [Fact]
    public async Task Activities_ResolvedFromServiceProvider_WithOnlyPortsRegistered()
    {
        var source = new ScriptedLogSource([], null, 7);
        var services = new ServiceCollection()
            .AddSingleton<ILogSourceFactory>(source)
            .AddSingleton<ILakeStore>(_lake.Store)
            .AddSingleton<ICheckpointStore>(new Mock<ICheckpointStore>().Object)
            .AddSingleton<IRunEventStore>(new Mock<IRunEventStore>().Object)
            .AddTransient<IngestWindowActivity>()
            .AddTransient<CountWindowActivity>()
            .AddTransient<WriteCheckpointActivity>()
            .BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<IngestWindowActivity>());
        Assert.NotNull(services.GetRequiredService<WriteCheckpointActivity>());
        var count = services.GetRequiredService<CountWindowActivity>();
        var outcome = await ActivityInvoker.InvokeAsync(count, new CountWindowInput(new LoadConfig { Id = "c", Table = "T" }, TimeAxis.TimeGenerated, new Interval(1, 2), null));
        Assert.Equal(7, outcome.Value);
    }

    // Passes everything through to a real lake, except that one PutAsync fails after writing part of its file.
    private sealed class FailingLake(ILakeStore inner, int failOnPut) : DelegatingLake(inner)
    {
        private int _puts;

        public override async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default)
        {
            if (++_puts == failOnPut)
            {
                await Inner.PutAsync(path, async (stream, ct) =>
                {
                    await stream.WriteAsync(new byte[] { 0x50, 0x41, 0x52, 0x31 }, ct);
                    throw new LogIngestException(ErrorCodes.LakeIo, "the lake went away mid-upload");
                }, cancellationToken);
            }

            return await Inner.PutAsync(path, writeContent, cancellationToken);
        }
    }
}
