using Azure.Storage;
using LogIngest.Azure.Blob;
using LogIngest.Core.Ports;
using LogIngest.TestSupport.Contracts;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Blob;

/// <summary>The lake contract against Azurite (default 8 MiB blocks: the 200 MB case commits 25 blocks).</summary>
public sealed class BlobLakeStoreAzuriteTests(AzuriteFixture server) : LakeStoreContract, IClassFixture<AzuriteFixture>
{
    internal static BlobLakeOptions Options(AzuriteFixture server, string container) => new()
    {
        ContainerUri = new Uri(server.BlobEndpoint + "/" + container),
        SharedKeyCredential = new StorageSharedKeyCredential(server.AccountName, server.AccountKey),
    };

    protected override Task<ILakeStore> CreateStoreAsync() =>
        Task.FromResult<ILakeStore>(new BlobLakeStore(Options(server, "lake" + Guid.NewGuid().ToString("N")[..12])));

    [Fact]
    public async Task ListAsync_ContainerNeverWritten_ReturnsNothing()
    {
        var store = new BlobLakeStore(Options(server, "never" + Guid.NewGuid().ToString("N")[..12]));

        await foreach (var item in store.ListAsync(string.Empty))
        {
            Assert.Fail("unexpected " + item.Path);
        }
    }

    [Fact]
    public async Task ListAsync_SmallPages_FollowsEveryMarkerToTheEnd()
    {
        var options = Options(server, "pages" + Guid.NewGuid().ToString("N")[..12]);
        options.ListPageSize = 7;
        var store = new BlobLakeStore(options);
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), async (i, ct) => await store.PutAsync($"p/{i:D2}.bin", Writer([(byte)i]), ct));

        var names = new List<string>();
        await foreach (var item in store.ListAsync("p/"))
        {
            names.Add(item.Path);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"p/{i:D2}.bin"), names);
    }

    [Fact]
    public async Task PutAsync_WrongAccountKey_ThrowsForbiddenNamingTheFix()
    {
        var options = Options(server, "lake" + Guid.NewGuid().ToString("N")[..12]);
        options.SharedKeyCredential = new StorageSharedKeyCredential(server.AccountName, Convert.ToBase64String(new byte[64]));
        var store = new BlobLakeStore(options);

        var error = await Assert.ThrowsAsync<Core.Observability.LogIngestException>(() => store.PutAsync("a/b.bin", Writer([1])));

        Assert.Equal(Core.Observability.ErrorCodes.Forbidden, error.Code);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_ConnectionStringAndContainerName_StoresInThatContainer()
    {
        var container = "conn" + Guid.NewGuid().ToString("N")[..12];
        var store = new BlobLakeStore(new BlobLakeOptions { ConnectionString = server.ConnectionString, ContainerName = container });

        await store.PutAsync("c/file.bin", Writer([4, 5, 6]));

        var viaUri = new BlobLakeStore(Options(server, container));
        Assert.True(await viaUri.ExistsAsync("c/file.bin"));
    }

    [Fact]
    public async Task PutAsync_CancelledWhileWriting_ThrowsCancelledAndLeavesNoFile()
    {
        var options = Options(server, "cancel" + Guid.NewGuid().ToString("N")[..12]);
        options.BlockSizeBytes = 64 * 1024;
        var store = new BlobLakeStore(options);
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync("c/partial.bin", async (stream, ct) =>
        {
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteAsync(new byte[64 * 1024], ct);
                if (i == 3)
                {
                    await stop.CancelAsync();
                }
            }
        }, stop.Token));

        Assert.False(await store.ExistsAsync("c/partial.bin"));
    }

    [Theory]
    [InlineData("ContainerUri")]
    [InlineData("Credential")]
    [InlineData("ContainerName")]
    [InlineData("BlockSizeBytes")]
    [InlineData("ListPageSize")]
    public void Constructor_IncompleteOptions_ThrowsNamingTheSetting(string setting)
    {
        var options = setting switch
        {
            "ContainerUri" => new BlobLakeOptions(),
            "Credential" => new BlobLakeOptions { ContainerUri = new Uri("https://account.blob.core.windows.net/lake") },
            "ContainerName" => new BlobLakeOptions { ConnectionString = server.ConnectionString },
            "BlockSizeBytes" => new BlobLakeOptions { ConnectionString = server.ConnectionString, ContainerName = "lake", BlockSizeBytes = 1024 },
            _ => new BlobLakeOptions { ConnectionString = server.ConnectionString, ContainerName = "lake", ListPageSize = 0 },
        };

        var error = Assert.Throws<ArgumentException>(() => new BlobLakeStore(options));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
