using System.Net;
using System.Text;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Azure.Tests.Harness;

/// <summary>Azurite answers real Blob REST calls signed with Shared Key.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PutBlob_ThenGetAndList_ReturnsSameBytes()
    {
        using var http = SharedKeySigningHandler.CreateClient(azurite);
        var container = "smoke-" + Guid.NewGuid().ToString("N");
        var payload = Encoding.UTF8.GetBytes("hello lake \u00e9\u00e8");

        using (var create = await http.PutAsync(new Uri($"{container}?restype=container", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }

        using (var put = new HttpRequestMessage(HttpMethod.Put, $"{container}/year=2026/part-0.bin"))
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Content = new ByteArrayContent(payload);
            using var response = await http.SendAsync(put);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using (var get = await http.GetAsync(new Uri($"{container}/year=2026/part-0.bin", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(payload, await get.Content.ReadAsByteArrayAsync());
        }

        var list = await http.GetStringAsync(new Uri($"{container}?restype=container&comp=list&prefix=year%3D2026%2F", UriKind.Relative));
        Assert.Contains("<Name>year=2026/part-0.bin</Name>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBlob_Missing_Returns404()
    {
        using var http = SharedKeySigningHandler.CreateClient(azurite);
        var container = "smoke-" + Guid.NewGuid().ToString("N");
        using var create = await http.PutAsync(new Uri($"{container}?restype=container", UriKind.Relative), null);

        using var get = await http.GetAsync(new Uri($"{container}/absent.bin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task PutContainer_WrongKey_Returns403()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        using var http = new HttpClient(new SharedKeySigningHandler(azurite.AccountName, wrongKey))
        {
            BaseAddress = new Uri(azurite.BlobEndpoint + "/"),
        };

        using var create = await http.PutAsync(new Uri("smoke-" + Guid.NewGuid().ToString("N") + "?restype=container", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
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
