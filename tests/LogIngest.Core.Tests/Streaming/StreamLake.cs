using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Streaming;
using LogIngest.Core.Tests.Activities;
using LogIngest.Local.State;

namespace LogIngest.Core.Tests.Streaming;

/// <summary>A temporary folder lake and SQLite state, with switches that make the next lake write or watermark write fail.</summary>
internal sealed class StreamLake : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly SqliteStateStore _state;

    public StreamLake(DateTimeOffset now)
    {
        // The database sits in the lake folder, outside every stream key.
        _state = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(_lake.Root, "state.db") });
        Lake = new SwitchableLake(_lake.Store);
        Watermarks = new SwitchableWatermarks(_state);
        Processor = new StreamBatchProcessor(Lake, Watermarks, new StreamOptions { MaxEventBytes = 1024 }, new FixedTime(now));
    }

    public string Root => _lake.Root;

    public SwitchableLake Lake { get; }

    public SwitchableWatermarks Watermarks { get; }

    public StreamBatchProcessor Processor { get; }

    public IReadOnlyList<string> Files() => [.. _lake.Files().Where(f => f.EndsWith(".parquet", StringComparison.Ordinal))];

    public string PathOf(string key) => Path.Combine(Root, key);

    public void Dispose()
    {
        _state.Dispose();
        _lake.Dispose();
    }

    /// <summary>A real lake whose puts of keys matching <see cref="FailPut"/> fail with S501 after writing part of the file.</summary>
    internal sealed class SwitchableLake(ILakeStore inner) : DelegatingLake(inner)
    {
        public Func<string, bool> FailPut { get; set; } = _ => false;

        public override async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default) =>
            FailPut(path)
                ? await Inner.PutAsync(path, async (stream, ct) =>
                {
                    await stream.WriteAsync("PAR1"u8.ToArray(), ct);
                    throw new LogIngestException(ErrorCodes.LakeIo, "the lake went away mid-upload");
                }, cancellationToken)
                : await Inner.PutAsync(path, writeContent, cancellationToken);
    }

    /// <summary>Real SQLite watermarks whose writes fail with S502 while <see cref="FailSet"/> says so.</summary>
    internal sealed class SwitchableWatermarks(IStreamWatermarkStore inner) : IStreamWatermarkStore
    {
        public Func<StreamWatermark, bool> FailSet { get; set; } = _ => false;

        public Task SetStreamWatermarkAsync(StreamWatermark watermark, CancellationToken cancellationToken = default) =>
            FailSet(watermark)
                ? throw new LogIngestException(ErrorCodes.StateIo, "the state store went away")
                : inner.SetStreamWatermarkAsync(watermark, cancellationToken);

        public Task<StreamWatermark?> GetStreamWatermarkAsync(string hub, string partitionId, CancellationToken cancellationToken = default) =>
            inner.GetStreamWatermarkAsync(hub, partitionId, cancellationToken);

        public Task<IReadOnlyList<StreamWatermark>> ListStreamWatermarksAsync(string hub, CancellationToken cancellationToken = default) =>
            inner.ListStreamWatermarksAsync(hub, cancellationToken);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
