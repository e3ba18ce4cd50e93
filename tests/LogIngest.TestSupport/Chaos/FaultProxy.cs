using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LogIngest.TestSupport.Chaos;

/// <summary>What <see cref="FaultProxy"/> does to one request.</summary>
public enum ProxyFault
{
    None,

    /// <summary>Answers 503 with <c>Retry-After: 0</c>; the request never reaches the server.</summary>
    Unavailable,

    /// <summary>Holds the request unanswered (the server never sees it) until the client gives up or <see cref="FaultProxyOptions.HoldFor"/> passes, then drops the connection.</summary>
    Timeout,

    /// <summary>Reads part of the request body, then drops the connection; the server never sees the request.</summary>
    DropMidUpload,

    /// <summary>Forwards the request and reads the server's whole answer (the write happened), then drops the connection instead of replying.</summary>
    LostReply,
}

/// <summary>How often <see cref="FaultProxy"/> injects each fault, and its seed.</summary>
public sealed class FaultProxyOptions
{
    public double Unavailable { get; set; }

    public double Timeout { get; set; }

    public double DropMidUpload { get; set; }

    public double LostReply { get; set; }

    /// <summary>Seeds the draws, so a seed's sequence of faults (by request number) is the same every run.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// How long a <see cref="ProxyFault.Timeout"/> holds a request before dropping it. The clients' own
    /// per-try timeouts (Blob 100 s, Cosmos 30 s) are longer than a test may wait; a client that gives up
    /// sooner ends the hold itself.
    /// </summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// A reverse proxy on 127.0.0.1 and a free port in front of one local HTTP server (Azurite, the Cosmos
/// server) that injects, per request and drawn from a seeded <see cref="Random"/>, the faults a real
/// network and service show: 503s, requests held past the client's patience, connections dropped
/// mid-upload and replies lost after the server acted. Every fault is counted by kind.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward;
    private readonly Uri _target;
    private readonly FaultProxyOptions _options;
    private readonly Random _random;
    private readonly Lock _draw = new();
    private readonly ConcurrentDictionary<ProxyFault, int> _faults = new();
    private long _requests;

    private FaultProxy(WebApplication app, Uri target, FaultProxyOptions options)
    {
        _app = app;
        _target = target;
        _options = options;
        _random = new Random(options.Seed);
        _forward = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The proxy's base address, <c>http://127.0.0.1:{port}/</c>: the server's paths work under it unchanged.</summary>
    public Uri Endpoint { get; private init; } = null!;

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Faults injected so far, by kind (kinds never injected are absent).</summary>
    public IReadOnlyDictionary<ProxyFault, int> Faults => _faults.Where(f => f.Value > 0).ToDictionary(f => f.Key, f => f.Value);

    /// <summary>Starts a proxy to <paramref name="target"/> (scheme, host and port; the path of each request is kept).</summary>
    public static async Task<FaultProxy> StartAsync(Uri target, FaultProxyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Unavailable + options.Timeout + options.DropMidUpload + options.LostReply > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Fault rates must sum to at most 1.");
        }

        FaultProxy? proxy = null;
        var (app, endpoint) = await LoopbackApp.StartAsync(context => proxy!.HandleAsync(context), kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
        }, cancellationToken).ConfigureAwait(false);
        proxy = new FaultProxy(app, new Uri(target.GetLeftPart(UriPartial.Authority)), options) { Endpoint = endpoint };
        return proxy;
    }

    /// <summary><paramref name="url"/> (an address of the server behind) with the proxy's port in place of the server's.</summary>
    public string Rewrite(string url) => url.Replace(_target.GetLeftPart(UriPartial.Authority), Endpoint.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _forward.Dispose();
    }

    private ProxyFault Draw()
    {
        double u;
        lock (_draw)
        {
            u = _random.NextDouble();
        }

        foreach (var (fault, rate) in new[]
                 {
                     (ProxyFault.Unavailable, _options.Unavailable), (ProxyFault.Timeout, _options.Timeout),
                     (ProxyFault.DropMidUpload, _options.DropMidUpload), (ProxyFault.LostReply, _options.LostReply),
                 })
        {
            if (u < rate)
            {
                return fault;
            }

            u -= rate;
        }

        return ProxyFault.None;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var fault = Draw();
        if (fault != ProxyFault.None)
        {
            _faults.AddOrUpdate(fault, 1, (_, n) => n + 1);
        }

        var aborted = context.RequestAborted;
        try
        {
            switch (fault)
            {
                case ProxyFault.Unavailable:
                    context.Response.StatusCode = 503;
                    context.Response.Headers.RetryAfter = "0";
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"code\":\"ServiceUnavailable\",\"message\":\"The server is busy (injected by the fault proxy).\"}", aborted).ConfigureAwait(false);
                    return;
                case ProxyFault.Timeout:
                    await Task.Delay(_options.HoldFor, aborted).ConfigureAwait(false);
                    context.Abort();
                    return;
                case ProxyFault.DropMidUpload:
                    await ReadSomeAsync(context.Request, aborted).ConfigureAwait(false);
                    context.Abort();
                    return;
            }

            using var forward = await ForwardAsync(context, aborted).ConfigureAwait(false);
            if (fault == ProxyFault.LostReply)
            {
                // The server acted on the request and answered; the client never hears of it.
                await forward.Content.LoadIntoBufferAsync(aborted).ConfigureAwait(false);
                context.Abort();
                return;
            }

            context.Response.StatusCode = (int)forward.StatusCode;
            foreach (var header in forward.Headers.Concat(forward.Content.Headers))
            {
                if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            await using var body = await forward.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
            await body.CopyToAsync(context.Response.Body, aborted).ConfigureAwait(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The client went away (a kill, or its own timeout): nothing to answer.
        }
        catch (HttpRequestException)
        {
            // The server behind is gone or broke off: the client sees a dropped connection, as it would.
            context.Abort();
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // The path exactly as sent: a signature (Storage's shared key) covers its escaping.
        var request = context.Request;
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target.GetLeftPart(UriPartial.Authority) + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) ||
                header.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        return await _forward.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    // Reads up to half the body (at least one chunk when there is one), as a connection that breaks mid-upload would have carried.
    private static async Task ReadSomeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var half = Math.Max(1, (request.ContentLength ?? 0) / 2);
        var buffer = new byte[16 * 1024];
        long read = 0;
        while (read < half)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, half - read)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            read += n;
        }
    }
}
