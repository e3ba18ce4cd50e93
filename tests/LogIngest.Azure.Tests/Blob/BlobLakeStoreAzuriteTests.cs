using LogIngest.Azure.Blob;
using LogIngest.Core.Ports;
using LogIngest.TestSupport.Contracts;

namespace LogIngest.Azure.Tests.Blob;

/// <summary>The lake contract against Azurite, with small blocks so the large case takes the block path many times.</summary>
public sealed class BlobLakeStoreAzuriteTests(AzuriteBlobServer server) : LakeStoreContract, IClassFixture<AzuriteBlobServer>
{
    internal static BlobLakeOptions Options(AzuriteBlobServer server, string container) => new()
    {
        ContainerUri = new Uri(server.BlobEndpoint, container),
        AccountName = AzuriteBlobServer.AccountName,
        AccountKey = AzuriteBlobServer.AccountKey,
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
    public async Task PutAsync_WrongAccountKey_ThrowsForbiddenNamingTheFix()
    {
        var options = Options(server, "lake" + Guid.NewGuid().ToString("N")[..12]);
        options.AccountKey = Convert.ToBase64String(new byte[64]);
        var store = new BlobLakeStore(options);

        var error = await Assert.ThrowsAsync<Core.Observability.LogIngestException>(() => store.PutAsync("a/b.bin", Writer([1])));

        Assert.Equal(Core.Observability.ErrorCodes.Forbidden, error.Code);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }
}
