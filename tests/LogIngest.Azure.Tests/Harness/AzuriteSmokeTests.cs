using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Harness;

/// <summary>Azurite answers the Blob SDK signed with the development account's Shared Key.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UploadBlob_ThenDownloadAndList_ReturnsSameBytes()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "smoke-" + Guid.NewGuid().ToString("N"));
        var payload = Encoding.UTF8.GetBytes("hello lake \u00e9\u00e8");
        await container.CreateAsync();

        await container.GetBlobClient("year=2026/part-0.bin").UploadAsync(new BinaryData(payload));

        var downloaded = await container.GetBlobClient("year=2026/part-0.bin").DownloadContentAsync();
        Assert.Equal(payload, downloaded.Value.Content.ToArray());
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new() { Prefix = "year=2026/" }))
        {
            names.Add(blob.Name);
        }

        Assert.Equal(["year=2026/part-0.bin"], names);
    }

    [Fact]
    public async Task DownloadBlob_Missing_Returns404()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "smoke-" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("absent.bin").DownloadContentAsync());

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task CreateContainer_WrongKey_Returns403()
    {
        var wrongKey = new StorageSharedKeyCredential(azurite.AccountName, Convert.ToBase64String(new byte[64]));
        var container = new BlobContainerClient(new Uri(azurite.BlobEndpoint + "/smoke-" + Guid.NewGuid().ToString("N")), wrongKey);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateAsync());

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public void ConnectionString_NamesAccountKeyAndEndpoint()
    {
        Assert.Contains("AccountName=devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("AccountKey=" + azurite.AccountKey + ";", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("BlobEndpoint=" + azurite.BlobEndpoint + ";", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", azurite.BlobEndpoint.Host);
    }
}
