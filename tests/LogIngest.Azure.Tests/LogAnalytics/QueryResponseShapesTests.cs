using System.Net;
using System.Text;
using Azure.Core.Pipeline;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Azure.Tests.LogAnalytics;

/// <summary>
/// Response bodies as the service's published examples write them, answered by a canned transport:
/// numbers and booleans as JSON strings, and <c>"error": null</c> beside complete results.
/// </summary>
public class QueryResponseShapesTests
{
    private static readonly LogWindowQuery Window = new("T", TimeAxis.TimeGenerated, Interval.FromUtc(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc)));

    private const string Columns = """
        [{"name":"TimeGenerated","type":"datetime"},{"name":"Count","type":"long"},{"name":"Ok","type":"bool"},{"name":"Small","type":"int"},{"name":"Ratio","type":"real"}]
        """;

    [Fact]
    public async Task QueryAsync_NumbersAndBooleansAsJsonStrings_ReadAsTypedValues()
    {
        var client = Client($$"""
            {"tables":[{"name":"PrimaryResult","columns":{{Columns}},
              "rows":[["2024-01-01T00:00:00Z","42","true","-7","2.5"],["2024-01-01T00:00:01Z","-9007199254740993","False","0","-1e-3"],["2024-01-01T00:00:02Z",null,null,null,"NaN"]]}]}
            """);

        var batch = Assert.Single(await CollectAsync(client.QueryAsync(Window)));

        Assert.Equal(3, batch.RowCount);
        var count = batch.FindColumn("Count")!;
        var ok = batch.FindColumn("Ok")!;
        var small = batch.FindColumn("Small")!;
        var ratio = batch.FindColumn("Ratio")!;
        Assert.Equal([42L, -9_007_199_254_740_993L], [count.GetInt64(0), count.GetInt64(1)]);
        Assert.True(count.IsNull(2));
        Assert.Equal([true, false], [ok.GetBoolean(0), ok.GetBoolean(1)]);
        Assert.True(ok.IsNull(2));
        Assert.Equal([-7, 0], [small.GetInt32(0), small.GetInt32(1)]);
        Assert.Equal([2.5, -0.001], [ratio.GetDouble(0), ratio.GetDouble(1)]);
        Assert.True(double.IsNaN(ratio.GetDouble(2)));
    }

    [Fact]
    public async Task CountAsync_CountAsJsonStringWithNullError_ReturnsTheCount()
    {
        var client = Client("""
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"Count","type":"long"}],"rows":[["123456789012"]]}],"error":null}
            """);

        Assert.Equal(123_456_789_012L, await client.CountAsync(Window));
    }

    [Fact]
    public async Task QueryAsync_ErrorNullBeforeTables_IsACompleteResult()
    {
        var client = Client($$"""
            {"error":null,"tables":[{"name":"PrimaryResult","columns":{{Columns}},"rows":[["2024-01-01T00:00:00Z",1,true,2,0.5]]}]}
            """);

        var batches = await CollectAsync(client.QueryAsync(Window));

        Assert.Equal(1, batches.Sum(b => b.RowCount));
    }

    [Fact]
    public async Task QueryAsync_ErrorObject_StillThrowsTruncatedAfterTheRows()
    {
        var client = Client($$$"""
            {"tables":[{"name":"PrimaryResult","columns":{{{Columns}}},"rows":[["2024-01-01T00:00:00Z",1,true,2,0.5]]}],
             "error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","message":"truncated"}]}}
            """);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => CollectAsync(client.QueryAsync(Window)));

        Assert.Equal(ErrorCodes.ResultTruncated, error.Code);
        Assert.Contains("PartialError", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"forty-two\"", "true", "Count", "\"forty-two\"")]
    [InlineData("42", "\"yes\"", "Ok", "\"yes\"")]
    [InlineData("\"4.5\"", "true", "Count", "\"4.5\"")]
    public async Task QueryAsync_StringThatIsNotOfTheColumnsType_ThrowsSchemaNamingColumnAndValue(string count, string ok, string column, string value)
    {
        var client = Client($$"""
            {"tables":[{"name":"PrimaryResult","columns":{{Columns}},"rows":[["2024-01-01T00:00:00Z",{{count}},{{ok}},1,1.0]]}]}
            """);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => CollectAsync(client.QueryAsync(Window)));

        Assert.Equal(ErrorCodes.Schema, error.Code);
        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static LogAnalyticsClient Client(string body) => new(new FakeCredential(), new LogAnalyticsOptions
    {
        WorkspaceId = "6f1c2d4e-0000-4000-8000-000000000001",
        Transport = new HttpClientTransport(new HttpClient(new CannedResponse(body))),
    });

    private static async Task<List<LogBatch>> CollectAsync(IAsyncEnumerable<LogBatch> batches)
    {
        var list = new List<LogBatch>();
        await foreach (var batch in batches)
        {
            list.Add(batch);
        }

        return list;
    }

    /// <summary>Answers every request with 200 and the same JSON body.</summary>
    private sealed class CannedResponse(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
