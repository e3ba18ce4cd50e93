using System.Diagnostics;
using Azure.Core.Pipeline;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Local.Simulation;
using Xunit.Abstractions;

namespace LogIngest.Azure.Tests.LogAnalytics;

public class LogAnalyticsClientTests
{
    private static readonly LogWindowQuery TwoHours = LoopbackWorkspace.Office(TimeSpan.FromHours(13), TimeSpan.FromHours(2));

    private static async Task<List<LogBatch>> CollectAsync(IAsyncEnumerable<LogBatch> batches, CancellationToken cancellationToken = default)
    {
        var list = new List<LogBatch>();
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            list.Add(batch);
        }

        return list;
    }

    private static List<string[]> Rows(IEnumerable<LogBatch> batches) =>
        [.. batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => b.Columns.Select(c => c.FormatValue(r) ?? "<null>").ToArray()))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QueryAsync_EveryColumnTypeWithNulls_MatchesTheWorkspaceRowForRow(bool dynamicAsObject)
    {
        await using var loop = await LoopbackWorkspace.StartAsync(server: s => s.DynamicAsObject = dynamicAsObject, client: c => c.BatchRows = 500);

        var overHttp = await CollectAsync(loop.Client.QueryAsync(TwoHours));
        var inProcess = await CollectAsync(loop.Workspace.QueryAsync(TwoHours));

        var columns = overHttp[0].Columns;
        Assert.Equal(inProcess[0].Columns.Select(c => (c.Name, c.Type)), columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(Enum.GetValues<LogColumnType>().ToHashSet(), columns.Select(c => c.Type).ToHashSet());
        Assert.All(overHttp.Take(overHttp.Count - 1), b => Assert.Equal(500, b.RowCount));
        var expected = Rows(inProcess);
        var actual = Rows(overHttp);
        Assert.True(expected.Count > 500);
        Assert.Equal(expected, actual);
        foreach (var type in new[] { LogColumnType.Int, LogColumnType.Long, LogColumnType.Real, LogColumnType.Bool, LogColumnType.TimeSpan, LogColumnType.Decimal, LogColumnType.Dynamic, LogColumnType.String })
        {
            Assert.Contains(overHttp, b => b.Columns.Any(c => c.Type == type && c.NullCount > 0));
        }

        // dynamic arrives as JSON text either way, nested objects and escapes intact.
        var dynamic = overHttp.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => b.FindColumn("ExtendedProperties")!.GetText(r))).First(t => t is not null && t.Contains("Client", StringComparison.Ordinal))!;
        using var parsed = JsonDocument.Parse(dynamic);
        Assert.Equal(JsonValueKind.Array, parsed.RootElement.GetProperty("Client").GetProperty("Tags").ValueKind);
        Assert.Equal(JsonValueKind.Null, parsed.RootElement.GetProperty("Client").GetProperty("Proxy").ValueKind);
        Assert.EndsWith("\\\"draft\"", parsed.RootElement.GetProperty("Path").GetString(), StringComparison.Ordinal);
        Assert.Contains("https://api.loganalytics.io/.default", loop.Credential.Scopes);
    }

    [Fact]
    public async Task CountAndHistogram_OverHttp_EqualTheWorkspaceAndEachOther()
    {
        await using var loop = await LoopbackWorkspace.StartAsync();
        var range = new Interval(LoopbackWorkspace.Day.Ticks + 7, LoopbackWorkspace.Day.AddHours(6).Ticks);
        var histogram = new LogHistogramQuery("OfficeActivity", TimeAxis.TimeGenerated, range, TimeSpan.FromMinutes(30));

        var bins = await loop.Client.GetHistogramAsync(histogram);
        var count = await loop.Client.CountAsync(histogram.AsWindow());

        Assert.Equal(await loop.Workspace.GetHistogramAsync(histogram), bins);
        Assert.Equal(await loop.Workspace.CountAsync(histogram.AsWindow()), count);
        Assert.Equal(count, bins.Sum(b => b.Rows));
        Assert.Equal(range.End, bins[^1].Span.End);
    }

    [Theory]
    [InlineData(SimulatedFault.Throttle, ErrorCodes.Throttled, true)]
    [InlineData(SimulatedFault.Unavailable, ErrorCodes.Unavailable, true)]
    [InlineData(SimulatedFault.GatewayTimeout, ErrorCodes.Timeout, false)]
    [InlineData(SimulatedFault.ConnectionReset, ErrorCodes.Unavailable, false)]
    [InlineData(SimulatedFault.PartialError, ErrorCodes.ResultTruncated, false)]
    public async Task QueryAsync_InjectedFault_MapsToErrorCode(SimulatedFault fault, string code, bool hasRetryAfter)
    {
        await using var loop = await LoopbackWorkspace.StartAsync(server: s =>
        {
            s.ScriptedFaults.Add(fault);
            s.RetryAfter = TimeSpan.FromSeconds(7);
            s.MaxResultRows = 2_000;
        });

        var error = await Assert.ThrowsAsync<LogIngestException>(() => CollectAsync(loop.Client.QueryAsync(TwoHours)));

        Assert.Equal(code, error.Code);
        Assert.Equal(hasRetryAfter ? TimeSpan.FromSeconds(7) : null, error.RetryAfter);
        Assert.Equal(ErrorCodes.IsRetryable(code), error.Retryable);
        // The next query (no fault scripted) succeeds: the fault was the server's, not the client's state.
        Assert.NotEmpty(await CollectAsync(loop.Client.QueryAsync(TwoHours with { Window = new Interval(TwoHours.Window.Start, TwoHours.Window.Start + TimeSpan.TicksPerMinute) })));
    }

    [Fact]
    public async Task QueryAsync_PipelineRetriesEnabled_WaitsTheServersRetryAfterThenSucceeds()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(
            server: s => { s.ScriptedFaults.Add(SimulatedFault.Throttle); s.RetryAfter = TimeSpan.FromSeconds(1); },
            client: c => c.MaxRetries = 2);

        var batches = await CollectAsync(loop.Client.QueryAsync(TwoHours));

        Assert.NotEmpty(batches);
        var requests = loop.Server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "the retry came before Retry-After");
    }

    [Fact]
    public async Task QueryAsync_PartialErrorAfterRows_YieldsRowsThenThrowsTruncated()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(server: s => s.MaxResultRows = 1_000, client: c => c.BatchRows = 100);
        var rows = 0;

        var error = await Assert.ThrowsAsync<LogIngestException>(async () =>
        {
            await foreach (var batch in loop.Client.QueryAsync(TwoHours))
            {
                rows += batch.RowCount;
            }
        });

        Assert.Equal(ErrorCodes.ResultTruncated, error.Code);
        Assert.Contains("PartialError", error.Message, StringComparison.Ordinal);
        Assert.Equal(1_000, rows);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task QueryAsync_SilentCutAtRowCap_ThrowsTruncated()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(
            server: s => { s.MaxResultRows = 1_000; s.SilentTruncation = true; },
            client: c => c.MaxResultRows = 1_000);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => CollectAsync(loop.Client.QueryAsync(TwoHours)));

        Assert.Equal(ErrorCodes.ResultTruncated, error.Code);
        Assert.Contains("rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_SilentCutAtByteCap_ThrowsTruncated()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(
            server: s => { s.MaxResultBytes = 300_000; s.SilentTruncation = true; },
            client: c => c.MaxResultBytes = 300_000);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => CollectAsync(loop.Client.QueryAsync(TwoHours)));

        Assert.Equal(ErrorCodes.ResultTruncated, error.Code);
        Assert.Contains("bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ResultUnderBothCaps_CompletesWithoutError()
    {
        var expected = await new SimulatedWorkspace(new SimulatedWorkspaceOptions { Seed = 3, OfficeActivityRowsPerDay = 20_000, HeartbeatRowsPerDay = 5_000 }).CountAsync(TwoHours);
        await using var loop = await LoopbackWorkspace.StartAsync(
            server: s => s.SilentTruncation = true,
            client: c => { c.MaxResultRows = expected + 1; c.MaxResultBytes = 10_000_000; });

        var rows = Rows(await CollectAsync(loop.Client.QueryAsync(TwoHours)));

        Assert.Equal(expected, rows.Count);
    }

    [Fact]
    public async Task QueryAsync_UnknownTable_ThrowsUnknownTableWithServiceMessage()
    {
        await using var loop = await LoopbackWorkspace.StartAsync();

        var error = await Assert.ThrowsAsync<LogIngestException>(() => loop.Client.CountAsync(TwoHours with { Table = "Nope_CL" }));

        Assert.Equal(ErrorCodes.UnknownTable, error.Code);
        Assert.Contains("Nope_CL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_FilterTheServiceRejects_ThrowsQueryRejectedWithServiceMessage()
    {
        await using var loop = await LoopbackWorkspace.StartAsync();

        var error = await Assert.ThrowsAsync<LogIngestException>(() => loop.Client.CountAsync(TwoHours with { Filter = "extend Twice = ItemCount * 2" }));

        Assert.Equal(ErrorCodes.QueryRejected, error.Code);
        Assert.Contains("SemanticError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_WorkspaceTheIdentityCannotRead_ThrowsForbidden()
    {
        await using var loop = await LoopbackWorkspace.StartAsync();
        var other = new LogAnalyticsClient(new FakeCredential(), new LogAnalyticsOptions { Endpoint = loop.Server.Endpoint, WorkspaceId = Guid.NewGuid().ToString(), Transport = new HttpClientTransport(loop.Server.CreateTrustingHandler()) });

        var error = await Assert.ThrowsAsync<LogIngestException>(() => other.CountAsync(TwoHours));

        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }

    [Fact]
    public async Task QueryAsync_CancelledMidStream_ThrowsOperationCanceled()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(client: c => c.BatchRows = 50);
        using var cancel = new CancellationTokenSource();
        var batches = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in loop.Client.QueryAsync(TwoHours, cancel.Token))
            {
                if (++batches == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(2, batches);
    }

    [Fact]
    public async Task CountAsync_CancelledWhileServerIsSlow_ThrowsOperationCanceled()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(server: s => s.Latency = TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.Client.CountAsync(TwoHours, cancel.Token));
    }

    [Fact]
    public async Task CountAsync_ServerSlowerThanPreferWait_ThrowsTimeout()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(server: s => s.Latency = TimeSpan.FromSeconds(30), client: c => c.ServerTimeout = TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<LogIngestException>(() => loop.Client.CountAsync(TwoHours));

        Assert.Equal(ErrorCodes.Timeout, error.Code);
    }

    [Fact]
    public async Task Server_MoreThanFiveConcurrentQueries_RunsFiveAndQueuesOrThrottlesTheRest()
    {
        await using var loop = await LoopbackWorkspace.StartAsync(server: s => { s.Latency = TimeSpan.FromMilliseconds(400); s.QueueTimeout = TimeSpan.FromMilliseconds(100); });

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await loop.Client.CountAsync(TwoHours);
                return "ok";
            }
            catch (LogIngestException ex)
            {
                return ex.Code;
            }
        }));

        Assert.Equal(5, loop.Server.PeakConcurrentQueries);
        Assert.Equal(5, results.Count(r => r == "ok"));
        Assert.Equal(3, results.Count(r => r == ErrorCodes.Throttled));
    }

    [Fact]
    public async Task Server_QueryTheBuilderNeverEmits_Answers400LikeTheService()
    {
        await using var loop = await LoopbackWorkspace.StartAsync();
        using var http = new HttpClient(loop.Server.CreateTrustingHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(loop.Server.Endpoint, $"v1/workspaces/{loop.Server.WorkspaceId}/query"))
        {
            Content = JsonContent.Create(new { query = "OfficeActivity | take 10" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "x");

        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("BadArgumentError", error.GetProperty("code").GetString());
        Assert.Equal("SyntaxError", error.GetProperty("innererror").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("innererror").GetProperty("innererror").GetProperty("message").GetString()));
    }

    [Fact]
    public void Constructor_WorkspaceIdNotAGuid_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new LogAnalyticsClient(new FakeCredential(), new LogAnalyticsOptions { WorkspaceId = "my-workspace" }));

        Assert.Contains("WorkspaceId", error.Message, StringComparison.Ordinal);
    }
}
