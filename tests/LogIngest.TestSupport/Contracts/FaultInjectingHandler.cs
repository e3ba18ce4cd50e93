using System.Net;

namespace LogIngest.TestSupport.Contracts;

/// <summary>What <see cref="FaultInjectingHandler"/> does to one request.</summary>
public enum InjectedFault
{
    None,

    /// <summary>Answers 503 without sending the request.</summary>
    ServiceUnavailable,

    /// <summary>Fails as a reset connection before the request reaches the server.</summary>
    ResetBeforeSend,

    /// <summary>Sends the request (the server acts on it), then fails as a reset connection: the answer is lost.</summary>
    ResetAfterSend,

    /// <summary>Never answers; the client's own timeout must end the wait.</summary>
    Hang,
}

/// <summary>
/// An HTTP handler between a client and a real local server that injects faults chosen per request,
/// for tests of retry and of what a failed write leaves behind.
/// </summary>
public sealed class FaultInjectingHandler(HttpMessageHandler inner, Func<HttpRequestMessage, InjectedFault> decide) : DelegatingHandler(inner)
{
    private int _injected;

    /// <summary>How many faults were injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fault = decide(request);
        if (fault != InjectedFault.None)
        {
            Interlocked.Increment(ref _injected);
        }

        switch (fault)
        {
            case InjectedFault.ServiceUnavailable:
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("{\"code\":\"ServiceUnavailable\",\"message\":\"injected\"}") };
            case InjectedFault.ResetBeforeSend:
                throw new HttpRequestException("Connection reset by peer (injected before send).", new IOException("Connection reset by peer"));
            case InjectedFault.ResetAfterSend:
                using (await base.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    throw new HttpRequestException("Connection reset by peer (injected after send).", new IOException("Connection reset by peer"));
                }

            case InjectedFault.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            default:
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
