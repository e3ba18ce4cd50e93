using LogIngest.Core.Ports;
using LogIngest.Local.Lake;
using LogIngest.TestSupport.Contracts;

namespace LogIngest.Local.Tests.Lake;

public sealed class FileSystemLakeStoreTests : LakeStoreContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "logingest-lake-" + Guid.NewGuid().ToString("N"));

    protected override Task<ILakeStore> CreateStoreAsync() =>
        Task.FromResult<ILakeStore>(new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = _root }));

    protected override Task DisposeStoreAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PutAsync_WriterFails_LeavesNoTemporaryFileBehind()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.PutAsync("x/y.bin", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[1000], ct);
            throw new InvalidOperationException("broken writer");
        }));

        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ListAsync_LeftoverTemporaryFileOfAKilledWriter_IsNotListed()
    {
        await Store.PutAsync("t/a.bin", Writer([1, 2, 3]));
        await File.WriteAllBytesAsync(Path.Combine(_root, "t", ".a.bin.0123" + FileSystemLakeStore.TempSuffix), [9]);

        var listed = await ListAsync("t/");

        Assert.Equal(["t/a.bin"], listed.Select(i => i.Path));
    }

    [Fact]
    public async Task PutAsync_NestedKey_WritesUnderTheRootFolder()
    {
        await Store.PutAsync("lake/OfficeActivity/year=2025/month=01/day=02/f.parquet", Writer([1]));

        Assert.True(File.Exists(Path.Combine(_root, "lake", "OfficeActivity", "year=2025", "month=01", "day=02", "f.parquet")));
    }
}
