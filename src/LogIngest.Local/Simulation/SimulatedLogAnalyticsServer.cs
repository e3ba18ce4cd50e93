using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LogIngest.Core.Capacity;
using LogIngest.Core.Kql;
using LogIngest.Local.Simulation.Kql;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogIngest.Local.Simulation;

/// <summary>
/// The Log Analytics query API (<c>POST /v1/workspaces/{id}/query</c>) served from a
/// <see cref="SimulatedWorkspace"/> on 127.0.0.1 and a free port. It answers the three query shapes
/// <see cref="KqlQueries"/> builds and a 400 shaped like the service's for anything else, streams
/// rows as it writes them, runs at most <see cref="SimulatedServerOptions.MaxConcurrentQueries"/> at
/// once (queueing the rest, 429 past the queue's limits) and injects the faults it is told to.
/// </summary>
public sealed class SimulatedLogAnalyticsServer : IAsyncDisposable
{
    private const int FlushBytes = 32 * 1024;
    private readonly WebApplication _app;
    private readonly SimulatedWorkspace _workspace;
    private readonly SimulatedServerOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentQueue<SimulatedRequest> _requests = new();
    private int _queued;
    private int _running;
    private int _peakRunning;
    private long _requestCount;

    private SimulatedLogAnalyticsServer(WebApplication app, SimulatedWorkspace workspace, SimulatedServerOptions options, X509Certificate2? certificate)
    {
        Certificate = certificate;
        _app = app;
        _workspace = workspace;
        _options = options;
        _slots = new SemaphoreSlim(options.MaxConcurrentQueries, options.MaxConcurrentQueries);
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>; give it to <c>LogAnalyticsOptions.Endpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string WorkspaceId => _options.WorkspaceId;

    /// <summary>The self-signed certificate served when <see cref="SimulatedServerOptions.UseTls"/> is on (made at start, valid a day).</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>
    /// An HTTP handler that trusts this server's certificate and no other, for a client's transport
    /// (e.g. <c>new HttpClientTransport(server.CreateTrustingHandler())</c>). Bearer tokens go only over TLS.
    /// </summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var thumbprint = Certificate?.Thumbprint;
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    errors == SslPolicyErrors.None || (thumbprint is not null && presented is X509Certificate2 c && c.Thumbprint == thumbprint),
            },
        };
    }

    /// <summary>Every query received, in arrival order, with its answer's status and fault.</summary>
    public IReadOnlyCollection<SimulatedRequest> Requests => _requests;

    /// <summary>The most queries that ran at once.</summary>
    public int PeakConcurrentQueries => Volatile.Read(ref _peakRunning);

    public static async Task<SimulatedLogAnalyticsServer> StartAsync(SimulatedWorkspace workspace, SimulatedServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        options ??= new SimulatedServerOptions();
        if (options.MaxConcurrentQueries < 1 || options.MaxQueuedQueries < 0 || options.Faults.Total > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrentQueries must be >= 1, MaxQueuedQueries >= 0 and fault rates sum to at most 1.");
        }

        var certificate = options.UseTls ? CreateCertificate() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new SimulatedLogAnalyticsServer(app, workspace, options, certificate);
        app.MapPost("/v1/workspaces/{workspaceId}/query", (RequestDelegate)server.HandleAsync);
        app.MapFallback((RequestDelegate)(context =>
            WriteErrorAsync(context, 404, "PathNotFoundError", $"The requested path does not exist: {context.Request.Method} {context.Request.Path}", null)));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _slots.Dispose();
        Certificate?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requestCount);
        var fault = PickFault(number);
        var record = new SimulatedRequest(number, DateTimeOffset.UtcNow, fault);
        _requests.Enqueue(record);
        var cancellationToken = context.RequestAborted;

        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await Answer(record, WriteErrorAsync(context, 401, "AuthorizationRequiredError", "Valid authentication was not provided", null), 401);
            return;
        }

        if (!string.Equals((string?)context.Request.RouteValues["workspaceId"], _options.WorkspaceId, StringComparison.OrdinalIgnoreCase))
        {
            await Answer(record, WriteErrorAsync(context, 403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation", null), 403);
            return;
        }

        switch (fault)
        {
            case SimulatedFault.Throttle:
                context.Response.Headers.RetryAfter = RetryAfterText;
                await Answer(record, WriteErrorAsync(context, 429, "ThrottledError", "Your request was throttled: too many requests. Retry after the given delay.", null), 429);
                return;
            case SimulatedFault.Unavailable:
                context.Response.Headers.RetryAfter = RetryAfterText;
                await Answer(record, WriteErrorAsync(context, 503, "ServiceUnavailableError", "The service is temporarily unavailable.", null), 503);
                return;
            case SimulatedFault.GatewayTimeout:
                await Answer(record, WriteErrorAsync(context, 504, "GatewayTimeout", "The query did not complete within the allowed time.", null), 504);
                return;
            case SimulatedFault.BadRequest:
                await Answer(record, WriteErrorAsync(context, 400, "BadArgumentError", "Query execution has exceeded the allowed limits.", null), 400);
                return;
        }

        // Like the service: a few queries run, the rest queue; a full queue or a long wait is a 429.
        if (Interlocked.Increment(ref _queued) > _options.MaxQueuedQueries + _options.MaxConcurrentQueries)
        {
            Interlocked.Decrement(ref _queued);
            context.Response.Headers.RetryAfter = RetryAfterText;
            await Answer(record, WriteErrorAsync(context, 429, "ThrottledError", "Too many queries are queued for this user.", null), 429);
            return;
        }

        bool entered;
        try
        {
            entered = await _slots.WaitAsync(_options.QueueTimeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _queued);
            return;
        }

        if (!entered)
        {
            Interlocked.Decrement(ref _queued);
            context.Response.Headers.RetryAfter = RetryAfterText;
            await Answer(record, WriteErrorAsync(context, 429, "ThrottledError", "The query waited too long for one of the user's concurrent query slots.", null), 429);
            return;
        }

        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _peakRunning, running);
        try
        {
            record.Status = await RunQueryAsync(context, fault, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            record.Status = 499;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Decrement(ref _queued);
            _slots.Release();
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private string RetryAfterText => ((int)Math.Ceiling(_options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static async Task Answer(SimulatedRequest record, Task write, int status)
    {
        record.Status = status;
        await write;
    }

    private async Task<int> RunQueryAsync(HttpContext context, SimulatedFault fault, CancellationToken cancellationToken)
    {
        string? text;
        string? timespan;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken);
            text = body.RootElement.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            timespan = body.RootElement.TryGetProperty("timespan", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(context, 400, "BadArgumentError", "The request body is not valid JSON: " + ex.Message, null);
            return 400;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            await WriteErrorAsync(context, 400, "BadArgumentError", "The request had some invalid properties", ("BadArgumentError", "Query is empty", null));
            return 400;
        }

        if (!KqlQueryParser.TryParse(text, out var parsed, out var error, out var position))
        {
            await WriteErrorAsync(context, 400, "BadArgumentError", "The request had some invalid properties",
                ("SyntaxError", "A recognition error occurred in the query.", ("SYN0002", $"Query could not be parsed at position {position + 1}: {error}", position)));
            return 400;
        }

        var query = parsed!.Window;
        if (timespan is not null)
        {
            if (!TryIntersect(query, timespan, out var narrowed))
            {
                await WriteErrorAsync(context, 400, "BadArgumentError", "The request had some invalid properties",
                    ("BadArgumentError", $"The timespan '{timespan}' is not 'start/end' in ISO-8601, or is given with an ingestion_time() window (not simulated).", null));
                return 400;
            }

            query = narrowed;
        }

        if (_options.Latency > TimeSpan.Zero)
        {
            var wait = ServerWait(context);
            if (_options.Latency > wait)
            {
                await Task.Delay(wait, cancellationToken);
                await WriteErrorAsync(context, 504, "GatewayTimeout", $"The query ran longer than the requested wait of {wait.TotalSeconds:0} s.", null);
                return 504;
            }

            await Task.Delay(_options.Latency, cancellationToken);
        }

        SimulatedWorkspace.Scan scan;
        try
        {
            scan = _workspace.StartScan(query);
        }
        catch (LogIngestException ex)
        {
            await WriteErrorAsync(context, 400, "BadArgumentError", "The request had some invalid properties",
                ("SemanticError", "A semantic error occurred.", (ex.Code == ErrorCodes.UnknownTable ? "SEM0100" : "SEM0001", ex.Message, null)));
            return 400;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        var pipe = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WritePropertyName("tables");
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("name", "PrimaryResult");
        var truncated = parsed.Kind switch
        {
            KqlQueryKind.Count => WriteCount(writer, await _workspace.CountAsync(query, cancellationToken)),
            KqlQueryKind.Histogram => WriteHistogram(writer, await _workspace.GetHistogramAsync(parsed.ToHistogram() with { Range = query.Window }, cancellationToken)),
            _ => await WriteRowsAsync(context, writer, scan, fault, cancellationToken),
        };

        if (truncated is null)
        {
            return 0; // connection dropped on purpose
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        if (truncated.Value && !_options.SilentTruncation || fault == SimulatedFault.PartialError)
        {
            writer.WritePropertyName("error");
            writer.WriteStartObject();
            writer.WriteString("message", "There were some errors when processing your query.");
            writer.WriteString("code", "PartialError");
            writer.WritePropertyName("details");
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("code", "EngineError");
            writer.WriteString("message", "Something went wrong processing your query on the server.");
            writer.WritePropertyName("innererror");
            writer.WriteStartObject();
            writer.WriteString("code", "-2133196797");
            writer.WriteString("message", "Query result set has exceeded the internal data size limit (E_QUERY_RESULT_SET_TOO_LARGE).");
            writer.WriteNumber("severity", 2);
            writer.WriteString("severityName", "Error");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return 200;
    }

    private static bool WriteCount(Utf8JsonWriter writer, long count)
    {
        WriteColumns(writer, [(KqlQueries.CountColumn, LogColumnType.Long)]);
        writer.WritePropertyName("rows");
        writer.WriteStartArray();
        writer.WriteStartArray();
        writer.WriteNumberValue(count);
        writer.WriteEndArray();
        writer.WriteEndArray();
        return false;
    }

    private static bool WriteHistogram(Utf8JsonWriter writer, IReadOnlyList<HistogramBin> bins)
    {
        WriteColumns(writer, [(KqlQueries.HistogramTimeColumn, LogColumnType.DateTime), (KqlQueries.HistogramRowsColumn, LogColumnType.Long), (KqlQueries.HistogramBytesColumn, LogColumnType.Long)]);
        writer.WritePropertyName("rows");
        writer.WriteStartArray();
        foreach (var bin in bins)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(FormatDateTime(bin.Span.Start));
            writer.WriteNumberValue(bin.Rows);
            writer.WriteNumberValue(bin.Bytes);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        return false;
    }

    // True when the rows were cut at a cap (or by an injected PartialError); null when the connection was dropped.
    private async Task<bool?> WriteRowsAsync(HttpContext context, Utf8JsonWriter writer, SimulatedWorkspace.Scan scan, SimulatedFault fault, CancellationToken cancellationToken)
    {
        WriteColumns(writer, scan.OutputSchema);
        writer.WritePropertyName("rows");
        writer.WriteStartArray();
        long rows = 0, rowBytes = 0, largestRow = 0, flushedAt = 0;
        var stopAt = fault is SimulatedFault.PartialError or SimulatedFault.ConnectionReset ? Math.Max(1, _options.MaxResultRows / 2) : long.MaxValue;
        var truncated = false;

        // The workspace's latency model, as it sleeps it in process (count and histogram queries sleep in the workspace).
        await SimulatedWorkspace.SleepAsync(_workspace.Latency.Latency(QueryKind.Window, 0), cancellationToken);
        foreach (var (batch, _) in scan.Batches(cancellationToken))
        {
            await SimulatedWorkspace.SleepAsync(_workspace.Latency.ForRows(QueryKind.Window, batch.RowCount), cancellationToken);
            for (var r = 0; r < batch.RowCount; r++)
            {
                if (rows >= _options.MaxResultRows || rowBytes + largestRow > _options.MaxResultBytes || rows >= stopAt)
                {
                    truncated = true;
                    break;
                }

                var before = writer.BytesCommitted + writer.BytesPending;
                WriteRow(writer, batch, r);
                var size = writer.BytesCommitted + writer.BytesPending - before;
                rowBytes += size;
                largestRow = Math.Max(largestRow, size);
                rows++;
                // The writer hands full segments to the pipe by itself; only FlushAsync sends them and
                // waits for the client, so flush by bytes written, not by bytes pending.
                if (writer.BytesCommitted + writer.BytesPending - flushedAt > FlushBytes)
                {
                    writer.Flush();
                    await context.Response.BodyWriter.FlushAsync(cancellationToken);
                    flushedAt = writer.BytesCommitted;
                    if (fault == SimulatedFault.SlowBody)
                    {
                        await Task.Delay(_options.SlowBodyPause, cancellationToken);
                    }
                }
            }

            if (truncated)
            {
                break;
            }
        }

        if (fault == SimulatedFault.ConnectionReset)
        {
            writer.Flush();
            await context.Response.BodyWriter.FlushAsync(cancellationToken);
            context.Abort();
            return null;
        }

        writer.WriteEndArray();
        return truncated;
    }

    private void WriteRow(Utf8JsonWriter writer, LogBatch batch, int row)
    {
        writer.WriteStartArray();
        foreach (var column in batch.Columns)
        {
            if (column.IsNull(row))
            {
                writer.WriteNullValue();
                continue;
            }

            switch (column.Kind)
            {
                case LogValueKind.Text when column.Type == LogColumnType.Dynamic && _options.DynamicAsObject:
                    writer.WriteRawValue(column.GetText(row)!, skipInputValidation: true);
                    break;
                case LogValueKind.Text:
                    writer.WriteStringValue(column.GetText(row));
                    break;
                case LogValueKind.Int32:
                    writer.WriteNumberValue(column.GetInt32(row));
                    break;
                case LogValueKind.Int64 when column.Type == LogColumnType.DateTime:
                    writer.WriteStringValue(FormatDateTime(column.GetInt64(row)));
                    break;
                case LogValueKind.Int64:
                    writer.WriteNumberValue(column.GetInt64(row));
                    break;
                case LogValueKind.Double:
                    var value = column.GetDouble(row);
                    if (double.IsFinite(value))
                    {
                        writer.WriteNumberValue(value);
                    }
                    else
                    {
                        writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                    }

                    break;
                default:
                    writer.WriteBooleanValue(column.GetBoolean(row));
                    break;
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteColumns(Utf8JsonWriter writer, IReadOnlyList<(string Name, LogColumnType Type)> schema)
    {
        writer.WritePropertyName("columns");
        writer.WriteStartArray();
        foreach (var (name, type) in schema)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("type", LogColumnTypes.ToApiName(type));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // The service trims trailing zeros of the fraction: 2025-01-01T10:00:00Z, 2025-01-01T10:00:00.12Z.
    private static string FormatDateTime(long ticks)
    {
        var text = Interval.FormatTicks(ticks);
        var end = text.Length - 1;
        var cut = end;
        while (text[cut - 1] == '0')
        {
            cut--;
        }

        if (text[cut - 1] == '.')
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "Z");
    }

    private static TimeSpan ServerWait(HttpContext context)
    {
        foreach (var value in context.Request.Headers["Prefer"])
        {
            foreach (var part in (value ?? string.Empty).Split(','))
            {
                var item = part.Trim();
                if (item.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(item.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                {
                    return TimeSpan.FromSeconds(Math.Min(seconds, 600));
                }
            }
        }

        return TimeSpan.FromSeconds(180);
    }

    private static bool TryIntersect(LogWindowQuery query, string timespan, out LogWindowQuery narrowed)
    {
        narrowed = query;
        var parts = timespan.Split('/');
        if (query.Axis != TimeAxis.TimeGenerated || parts.Length != 2
            || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            || !DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end)
            || end < start)
        {
            return false;
        }

        var window = query.Window.Intersect(Interval.FromUtc(start, end)) ?? new Interval(query.Window.Start, query.Window.Start);
        narrowed = query with { Window = window };
        return true;
    }

    private SimulatedFault PickFault(long number)
    {
        lock (_options.ScriptedFaults)
        {
            if (number <= _options.ScriptedFaults.Count)
            {
                return _options.ScriptedFaults[(int)number - 1];
            }
        }

        return _options.Faults.Total <= 0
            ? SimulatedFault.None
            : _options.Faults.Pick(SimHash.Unit(SimHash.Of(unchecked((ulong)_options.FaultSeed), number)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message, (string Code, string Message, (string Code, string Message, int? Position)? Inner)? inner)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WritePropertyName("error");
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteString("code", code);
        writer.WriteString("correlationId", Guid.NewGuid().ToString("D"));
        if (inner is { } level1)
        {
            writer.WritePropertyName("innererror");
            writer.WriteStartObject();
            writer.WriteString("code", level1.Code);
            writer.WriteString("message", level1.Message);
            if (level1.Inner is { } level2)
            {
                writer.WritePropertyName("innererror");
                writer.WriteStartObject();
                writer.WriteString("code", level2.Code);
                writer.WriteString("message", level2.Message);
                if (level2.Position is { } position)
                {
                    writer.WriteNumber("line", 1);
                    writer.WriteNumber("pos", position);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
