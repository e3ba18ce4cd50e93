using Azure.Core.Pipeline;
using LogIngest.Azure.Blob;
using LogIngest.Core.Observability;
using LogIngest.TestSupport.Contracts;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Blob;

/// <summary>Timeouts, 503s and reset connections injected between the Blob lake store and Azurite.</summary>
public sealed class BlobLakeStoreFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int BlockSize = 64 * 1024;

    [Fact]
    public async Task PutAsync_FaultsDuringBlockUpload_RetriesAndStoresExactContent()
    {
        var container = NewContainer();
        var firstTries = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var kinds = new[] { InjectedFault.ServiceUnavailable, InjectedFault.ResetAfterSend, InjectedFault.ResetBeforeSend, InjectedFault.Hang };
        var (store, handler) = Store(container, request =>
        {
            if (!IsUpload(request))
            {
                return InjectedFault.None;
            }

            // The first try of every block and of the commit fails, each kind of fault in turn; the retry gets through.
            var seen = firstTries.Count;
            return firstTries.TryAdd(request.RequestUri!.ToString(), seen) ? kinds[seen % kinds.Length] : InjectedFault.None;
        });
        var content = new byte[(BlockSize * 6) + 123];
        new Random(5).NextBytes(content);

        await store.PutAsync("f/faulty.bin", async (stream, ct) => await stream.WriteAsync(content, ct));

        Assert.Equal(8, handler.Injected);
        var clean = new BlobLakeStore(BlobLakeStoreAzuriteTests.Options(azurite, container));
        Assert.Equal(content, await ReadAllAsync(clean, "f/faulty.bin"));
    }

    [Fact]
    public async Task PutAsync_SmallFileResponseLostAfterWrite_RetriesIdempotently()
    {
        var container = NewContainer();
        var first = 1;
        var (store, _) = Store(container, request =>
            IsUpload(request) && Interlocked.Exchange(ref first, 0) == 1 ? InjectedFault.ResetAfterSend : InjectedFault.None);

        await store.PutAsync("s/small.bin", async (stream, ct) => await stream.WriteAsync(new byte[] { 1, 2, 3 }, ct));

        var clean = new BlobLakeStore(BlobLakeStoreAzuriteTests.Options(azurite, container));
        Assert.Equal(new byte[] { 1, 2, 3 }, await ReadAllAsync(clean, "s/small.bin"));
    }

    [Fact]
    public async Task PutAsync_CommitKeepsFailing_ThrowsLakeIoAndNothingIsVisible()
    {
        var container = NewContainer();
        var (store, _) = Store(container, request =>
            request.RequestUri!.Query.Contains("comp=blocklist", StringComparison.Ordinal) ? InjectedFault.ServiceUnavailable : InjectedFault.None);
        var clean = new BlobLakeStore(BlobLakeStoreAzuriteTests.Options(azurite, container));

        var error = await Assert.ThrowsAsync<LogIngestException>(() =>
            store.PutAsync("x/never.bin", async (stream, ct) => await stream.WriteAsync(new byte[BlockSize * 3], ct)));

        Assert.Equal(ErrorCodes.LakeIo, error.Code);
        Assert.Contains("x/never.bin", error.Message, StringComparison.Ordinal);
        Assert.False(await clean.ExistsAsync("x/never.bin"));
    }

    [Fact]
    public async Task PutAsync_BlockKeepsFailing_ThrowsLakeIoAndKeepsThePreviousFile()
    {
        var container = NewContainer();
        var clean = new BlobLakeStore(BlobLakeStoreAzuriteTests.Options(azurite, container));
        await clean.PutAsync("k/kept.bin", async (stream, ct) => await stream.WriteAsync(new byte[] { 7 }, ct));
        var (store, _) = Store(container, request =>
            request.RequestUri!.Query.Contains("comp=block&", StringComparison.Ordinal) ? InjectedFault.ResetBeforeSend : InjectedFault.None);

        var error = await Assert.ThrowsAsync<LogIngestException>(() =>
            store.PutAsync("k/kept.bin", async (stream, ct) => await stream.WriteAsync(new byte[BlockSize * 3], ct)));

        Assert.Equal(ErrorCodes.LakeIo, error.Code);
        Assert.Equal(new byte[] { 7 }, await ReadAllAsync(clean, "k/kept.bin"));
    }

    private static bool IsUpload(HttpRequestMessage request) => request.Method == HttpMethod.Put && request.RequestUri!.Query.Contains("comp=block", StringComparison.Ordinal)
        || (request.Method == HttpMethod.Put && !request.RequestUri!.Query.Contains("restype", StringComparison.Ordinal));

    private static string NewContainer() => "fault" + Guid.NewGuid().ToString("N")[..12];

    private (BlobLakeStore Store, FaultInjectingHandler Handler) Store(string container, Func<HttpRequestMessage, InjectedFault> decide)
    {
        var handler = new FaultInjectingHandler(new SocketsHttpHandler(), decide);
        var options = BlobLakeStoreAzuriteTests.Options(azurite, container);
        options.BlockSizeBytes = BlockSize;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        options.Transport = new HttpClientTransport(new HttpClient(handler));
        return (new BlobLakeStore(options), handler);
    }

    private static async Task<byte[]> ReadAllAsync(BlobLakeStore store, string path)
    {
        await using var stream = await store.OpenReadAsync(path);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
