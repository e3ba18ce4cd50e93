using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Kql;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>
/// <see cref="ILogSource"/> over the Log Analytics query REST API on Azure.Core's HTTP pipeline
/// (bearer token for <c>{Audience}/.default</c>). Responses are parsed as they stream in; nothing
/// holds a whole result. Failures map to the error taxonomy: 429 → T101 and 503 → T103 with the
/// server's Retry-After; 504 and client timeouts → T102; a dropped connection → T103; 400 → C302
/// (unknown table) or C303 with the service's message; 401/403 → R401; 404 → R402; a partial
/// result (PartialError, or a result at the row or byte cap) → D202 at the end of the stream.
/// </summary>
public class LogAnalyticsClient : ILogSource
{
    private const int MaxErrorBody = 64 * 1024;
    private readonly HttpPipeline _pipeline = null!;
    private readonly LogAnalyticsOptions _options = null!;
    private readonly Uri _queryUri = null!;

    public LogAnalyticsClient(TokenCredential credential, LogAnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var clientOptions = new PipelineOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromSeconds(2);
        // The server may run the query for ServerTimeout; give the network that and a margin.
        clientOptions.Retry.NetworkTimeout = options.ServerTimeout + TimeSpan.FromSeconds(30);
        if (options.Transport is not null)
        {
            clientOptions.Transport = options.Transport;
        }

        var scope = new Uri(options.Audience, "/.default").AbsoluteUri;
        _pipeline = HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, scope));
        var endpoint = options.Endpoint.AbsoluteUri.EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint.AbsoluteUri + "/");
        _queryUri = new Uri(endpoint, $"v1/workspaces/{Uri.EscapeDataString(options.WorkspaceId!)}/query");
    }

    /// <summary>For mocking.</summary>
    protected LogAnalyticsClient()
    {
    }

    public virtual async Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bins = new List<HistogramBin>();
        await foreach (var batch in SendAsync(KqlQueries.Histogram(query), Timespan(query.Axis, query.Range), cancellationToken))
        {
            var t = Column(batch, KqlQueries.HistogramTimeColumn, LogColumnType.DateTime);
            var n = Column(batch, KqlQueries.HistogramRowsColumn, LogColumnType.Long);
            var bytes = Column(batch, KqlQueries.HistogramBytesColumn, LogColumnType.Long);
            for (var r = 0; r < batch.RowCount; r++)
            {
                if (t.IsNull(r))
                {
                    continue; // rows without a time cannot be in the window
                }

                var start = t.GetInt64(r);
                var end = Math.Min(query.Range.End, start + query.Bin.Ticks);
                bins.Add(new HistogramBin(new Interval(start, end), n.IsNull(r) ? 0 : n.GetInt64(r), bytes.IsNull(r) ? 0 : bytes.GetInt64(r)));
            }
        }

        bins.Sort((a, b) => a.Span.CompareTo(b.Span));
        return bins;
    }

    public virtual async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        long? count = null;
        await foreach (var batch in SendAsync(KqlQueries.Count(query), Timespan(query.Axis, query.Window), cancellationToken))
        {
            var column = Column(batch, KqlQueries.CountColumn, LogColumnType.Long);
            if (batch.RowCount > 0)
            {
                count = column.IsNull(0) ? 0 : column.GetInt64(0);
            }
        }

        return count ?? 0;
    }

    public virtual IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync(KqlQueries.Window(query), Timespan(query.Axis, query.Window), cancellationToken);
    }

    private async IAsyncEnumerable<LogBatch> SendAsync(string kql, string? timespan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.BufferResponse = false;
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_queryUri);
        request.Headers.Add("Content-Type", "application/json");
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("Prefer", "wait=" + ((int)_options.ServerTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        request.Content = RequestContent.Create(RequestBody(kql, timespan));

        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw new LogIngestException(ErrorCodes.Unavailable, $"The query service could not be reached: {ex.Message}", ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw AzureSignIn.Failed("Log Analytics", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LogIngestException(ErrorCodes.Timeout, $"The query service did not answer within {_options.ServerTimeout + TimeSpan.FromSeconds(30)}.", ex);
        }

        var response = message.Response;
        if (response.Status == 204)
        {
            yield break;
        }

        if (response.Status != 200)
        {
            throw await ErrorAsync(response, cancellationToken);
        }

        var body = response.ContentStream ?? throw new LogIngestException(ErrorCodes.Unavailable, "The query service answered 200 without a body.");
        var reader = new QueryResponseReader(_options.BatchRows);
        await foreach (var batch in reader.ReadAsync(body, cancellationToken))
        {
            yield return batch;
        }

        // Only now is the result known whole or cut; a cut result is never complete data.
        if (reader.PartialError is { } partial)
        {
            throw Truncated($"the service reported a partial result ({partial})", reader);
        }

        if (reader.Rows >= _options.MaxResultRows)
        {
            throw Truncated($"it holds {reader.Rows} rows, the cap of {_options.MaxResultRows}", reader);
        }

        if (reader.Rows > 0 && reader.RowBytes + reader.LargestRow > _options.MaxResultBytes)
        {
            throw Truncated($"its {reader.RowBytes} bytes of rows reach the cap of {_options.MaxResultBytes}", reader);
        }
    }

    private static LogIngestException Truncated(string why, QueryResponseReader reader) =>
        new(ErrorCodes.ResultTruncated, $"The query result was truncated: {why}. {reader.Rows} rows arrived; split the window and query it again.");

    private static async Task<LogIngestException> ErrorAsync(Response response, CancellationToken cancellationToken)
    {
        var body = await ReadErrorBodyAsync(response, cancellationToken);
        var parsed = ServiceError.TryParseBody(body);
        var message = parsed is { } p ? $"{string.Join("/", p.Codes)}: {p.Message}" : ServiceError.Text(body);
        var retryAfter = RetryAfter(response);
        var status = response.Status;
        return status switch
        {
            429 => new LogIngestException(ErrorCodes.Throttled, $"The query service throttled the request (429): {message}", null, retryAfter),
            503 or 502 or 500 => new LogIngestException(ErrorCodes.Unavailable, $"The query service is unavailable ({status}): {message}", null, retryAfter),
            504 or 408 => new LogIngestException(ErrorCodes.Timeout, $"The query timed out ({status}): {message}", null, retryAfter),
            400 when parsed is { } e && IsUnknownTable(e.Codes, e.Message) => new LogIngestException(ErrorCodes.UnknownTable, $"The query names a table or column the workspace does not have: {message}"),
            400 => new LogIngestException(ErrorCodes.QueryRejected, $"The query service rejected the query: {message}"),
            401 or 403 => new LogIngestException(ErrorCodes.Forbidden, $"The identity may not query this workspace ({status}); grant it Log Analytics Reader: {message}"),
            404 => new LogIngestException(ErrorCodes.NotFound, $"The workspace or path was not found (404): {message}"),
            _ => new LogIngestException(ErrorCodes.Unknown, $"The query service answered {status}: {message}", null, retryAfter),
        };
    }

    private static bool IsUnknownTable(List<string> codes, string message) =>
        codes.Contains("SEM0100") || message.Contains("Failed to resolve table", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadErrorBodyAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.ContentStream is not { } stream)
        {
            return [];
        }

        var buffer = new byte[MaxErrorBody];
        var filled = 0;
        try
        {
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (IOException)
        {
            // A cut error body still leaves the status to classify by.
        }

        return buffer[..filled];
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        if (response.Headers.TryGetValue("Retry-After", out var value) && !string.IsNullOrWhiteSpace(value))
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        if (response.Headers.TryGetValue("x-ms-retry-after-ms", out var ms) && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return null;
    }

    // The API intersects timespan with the query's own filter; on the event-time axis that is the
    // window itself and lets the service prune. Arrival-time windows send none: a timespan would
    // also cut TimeGenerated and lose exactly the late rows those windows exist for.
    private static string? Timespan(TimeAxis axis, Interval window) =>
        axis == TimeAxis.TimeGenerated ? Interval.FormatTicks(window.Start) + "/" + Interval.FormatTicks(window.End) : null;

    private static byte[] RequestBody(string kql, string? timespan)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("query", kql);
            if (timespan is not null)
            {
                writer.WriteString("timespan", timespan);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static LogColumn Column(LogBatch batch, string name, LogColumnType type)
    {
        var column = batch.FindColumn(name);
        return column is not null && column.Type == type
            ? column
            : throw new LogIngestException(ErrorCodes.Schema, $"The response lacks column '{name}' of type {LogColumnTypes.ToApiName(type)}.");
    }

    private sealed class PipelineOptions : ClientOptions
    {
    }
}
