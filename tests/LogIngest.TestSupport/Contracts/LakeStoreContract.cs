using System.Security.Cryptography;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Xunit;

namespace LogIngest.TestSupport.Contracts;

/// <summary>
/// What every <see cref="ILakeStore"/> promises. A test class per adapter derives from this and says
/// how to make a fresh, empty store.
/// </summary>
public abstract class LakeStoreContract : IAsyncLifetime
{
    private ILakeStore? _store;

    protected ILakeStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Bytes of the large-file case; 200 MB by default (large enough for a block upload).</summary>
    protected virtual long LargeFileBytes => 200L * 1024 * 1024;

    /// <summary>Files of the long-listing case; just past 5,000, one service page.</summary>
    protected virtual int LongListingCount => 5_050;

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<ILakeStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    [Fact]
    public async Task PutAsync_ThenOpenRead_ReturnsSameBytesAndSize()
    {
        var content = Pattern(10_000, seed: 7);

        var item = await Store.PutAsync("lake/t/year=2025/a.parquet", Writer(content));

        Assert.Equal("lake/t/year=2025/a.parquet", item.Path);
        Assert.Equal(content.Length, item.Size);
        Assert.Equal(content, await ReadAllAsync("lake/t/year=2025/a.parquet"));
    }

    [Fact]
    public async Task PutAsync_EmptyFile_StoresZeroBytes()
    {
        await Store.PutAsync("empty.bin", (_, _) => Task.CompletedTask);

        Assert.True(await Store.ExistsAsync("empty.bin"));
        Assert.Empty(await ReadAllAsync("empty.bin"));
    }

    [Fact]
    public async Task PutAsync_SameKeyAgain_ReplacesContentWithoutDuplicates()
    {
        await Store.PutAsync("t/day=01/w.parquet", Writer(Pattern(5_000, seed: 1)));
        var second = Pattern(3_000, seed: 2);

        await Store.PutAsync("t/day=01/w.parquet", Writer(second));

        Assert.Equal(second, await ReadAllAsync("t/day=01/w.parquet"));
        var listed = await ListAsync("t/");
        Assert.Equal(["t/day=01/w.parquet"], listed.Select(i => i.Path));
        Assert.Equal(3_000, listed[0].Size);
    }

    [Fact]
    public async Task OpenReadAsync_MissingFile_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<LogIngestException>(() => Store.OpenReadAsync("missing/file.parquet"));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Contains("missing/file.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_RemovesOnceAndReportsWhetherItExisted()
    {
        await Store.PutAsync("d/x.bin", Writer(Pattern(10, seed: 3)));
        Assert.True(await Store.ExistsAsync("d/x.bin"));

        Assert.True(await Store.DeleteAsync("d/x.bin"));
        Assert.False(await Store.DeleteAsync("d/x.bin"));

        Assert.False(await Store.ExistsAsync("d/x.bin"));
        Assert.Empty(await ListAsync("d/"));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyMatchingKeysInOrdinalOrderWithSizes()
    {
        foreach (var (path, size) in new[] { ("p/t/day=02/b", 2), ("p/t/day=01/a", 1), ("p/u/c", 3), ("p/tt/d", 4), ("q/e", 5) })
        {
            await Store.PutAsync(path, Writer(Pattern(size, seed: size)));
        }

        var underT = await ListAsync("p/t/");
        var startingWithPT = await ListAsync("p/t");
        var all = await ListAsync(string.Empty);

        Assert.Equal(["p/t/day=01/a", "p/t/day=02/b"], underT.Select(i => i.Path));
        Assert.Equal([1L, 2L], underT.Select(i => i.Size));
        Assert.Equal(["p/t/day=01/a", "p/t/day=02/b", "p/tt/d"], startingWithPT.Select(i => i.Path));
        Assert.Equal(5, all.Count);
        Assert.All(all, i => Assert.True(i.LastModified > DateTimeOffset.UtcNow.AddHours(-1)));
    }

    [Fact]
    public async Task ListAsync_MoreThanOnePageOfFiles_ReturnsEveryFileOnce()
    {
        var count = LongListingCount;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            await Store.PutAsync($"many/f{i:D5}.bin", Writer([(byte)(i % 256)]), ct));
        await Store.PutAsync("other/x.bin", Writer([1]));

        var listed = await ListAsync("many/");

        Assert.Equal(count, listed.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"many/f{i:D5}.bin"), listed.Select(i => i.Path));
    }

    [Fact]
    public async Task PutAsync_LargeFile_RoundTripsEveryByte()
    {
        var size = LargeFileBytes;
        byte[] expectedHash;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await Store.PutAsync("big/large.bin", async (stream, ct) =>
            {
                var chunk = new byte[1024 * 1024];
                for (long written = 0; written < size; written += chunk.Length)
                {
                    var length = (int)Math.Min(chunk.Length, size - written);
                    FillPattern(chunk.AsSpan(0, length), written);
                    hash.AppendData(chunk, 0, length);
                    await stream.WriteAsync(chunk.AsMemory(0, length), ct);
                }
            });
            expectedHash = hash.GetHashAndReset();
        }

        var stream = await Store.OpenReadAsync("big/large.bin");
        await using (stream)
        {
            Assert.Equal(expectedHash, await SHA256.HashDataAsync(stream));
        }

        Assert.Equal(size, (await ListAsync("big/")).Single().Size);
    }

    [Fact]
    public async Task PutAsync_ReaderPollingDuringOverwrite_NeverSeesPartialFile()
    {
        const int OldSize = 300_000, NewSize = 700_000;
        await Store.PutAsync("atomic/f.bin", Writer(Filled(OldSize, 1)));
        using var writing = new CancellationTokenSource();
        var seen = new List<(int Size, bool Whole)>();

        var reader = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                var bytes = await ReadAllAsync("atomic/f.bin");
                var whole = (bytes.Length == OldSize && bytes.All(b => b == 1)) || (bytes.Length == NewSize && bytes.All(b => b == 2));
                lock (seen)
                {
                    seen.Add((bytes.Length, whole));
                }
            }
        });

        await Store.PutAsync("atomic/f.bin", async (stream, ct) =>
        {
            var chunk = Filled(NewSize / 10, 2);
            for (var i = 0; i < 10; i++)
            {
                await stream.WriteAsync(chunk, ct);
                await stream.FlushAsync(ct);
                await Task.Delay(20, ct);
            }
        });
        await Task.Delay(50);
        await writing.CancelAsync();
        await reader;

        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.True(s.Whole, $"a reader saw a partial file of {s.Size} bytes"));
        Assert.Equal(NewSize, (await ReadAllAsync("atomic/f.bin")).Length);
    }

    [Fact]
    public async Task PutAsync_WriterFailsMidway_LeavesPreviousContentAndNoPartialFile()
    {
        var original = Pattern(1_000, seed: 9);
        await Store.PutAsync("fail/kept.bin", Writer(original));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.PutAsync("fail/kept.bin", async (stream, ct) =>
        {
            await stream.WriteAsync(Filled(500_000, 5), ct);
            throw new InvalidOperationException("writer broke");
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.PutAsync("fail/new.bin", async (stream, ct) =>
        {
            await stream.WriteAsync(Filled(500_000, 5), ct);
            throw new InvalidOperationException("writer broke");
        }));

        Assert.Equal(original, await ReadAllAsync("fail/kept.bin"));
        Assert.False(await Store.ExistsAsync("fail/new.bin"));
        Assert.Equal(["fail/kept.bin"], (await ListAsync("fail/")).Select(i => i.Path));
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData("/rooted.bin")]
    [InlineData("a/../../b.bin")]
    [InlineData("a\\b.bin")]
    [InlineData("a//b.bin")]
    [InlineData("")]
    public async Task PutAsync_PathThatCouldEscapeTheLake_ThrowsNamingTheRule(string path)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(path, Writer([1])));

        Assert.Contains("relative", error.Message, StringComparison.Ordinal);
    }

    protected async Task<byte[]> ReadAllAsync(string path)
    {
        var stream = await Store.OpenReadAsync(path);
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    protected async Task<List<LakeItem>> ListAsync(string prefix)
    {
        var items = new List<LakeItem>();
        await foreach (var item in Store.ListAsync(prefix))
        {
            items.Add(item);
        }

        return items;
    }

    protected static Func<Stream, CancellationToken, Task> Writer(byte[] content) =>
        async (stream, ct) => await stream.WriteAsync(content, ct);

    protected static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    // Content that differs by position, so a misplaced or repeated block changes the hash.
    private static void FillPattern(Span<byte> span, long offset)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var position = offset + i;
            span[i] = (byte)((position * 31) ^ (position >> 11));
        }
    }
}
