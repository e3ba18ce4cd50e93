using Azure.Core.Pipeline;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>Settings of a <see cref="LogAnalyticsClient"/>; defaults are the public cloud's and the service's own limits.</summary>
public sealed class LogAnalyticsOptions
{
    /// <summary>The query API's base address; sovereign clouds differ. Default <c>https://api.loganalytics.azure.com</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://api.loganalytics.azure.com");

    /// <summary>The token audience; the scope asked for is <c>{Audience}/.default</c>. Default <c>https://api.loganalytics.io</c>.</summary>
    public Uri Audience { get; set; } = new("https://api.loganalytics.io");

    /// <summary>The workspace (customer) id, a GUID. Required.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>How long the service may run a query, sent as <c>Prefer: wait=N</c> (1-600 s). Default 180 s, the service's own.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>
    /// Rows per yielded batch. Default 1,024: a batch's strings are alive while it fills, and smaller
    /// batches keep fewer of them surviving a collection (measured faster by la-parse).
    /// </summary>
    public int BatchRows { get; set; } = 1024;

    /// <summary>A result with this many rows is taken as cut at the service's cap (D202). Default 500,000.</summary>
    public long MaxResultRows { get; set; } = 500_000;

    /// <summary>
    /// Bytes of row JSON at which a result is taken as cut at the service's size cap (D202): when one
    /// more row as large as the largest seen would not have fit. Default 104,857,600 (~100 MiB raw).
    /// </summary>
    public long MaxResultBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Retries the HTTP pipeline makes itself on 408/429/500/502/503/504 and connection failures,
    /// honouring <c>Retry-After</c>. Default 0: the range workflow's one retry policy decides from the
    /// error code (T101/T102/T103 carry <c>RetryAfter</c>), so retries are not multiplied. A truncated
    /// result arrives as a 200 and is never retried here.
    /// </summary>
    public int MaxRetries { get; set; }

    /// <summary>Replaces the HTTP transport (tests). Default: Azure.Core's HttpClient transport.</summary>
    public HttpPipelineTransport? Transport { get; set; }

    internal void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("LogAnalyticsOptions.Endpoint must be an absolute URI such as https://api.loganalytics.azure.com.", nameof(Endpoint));
        }

        if (Audience is null || !Audience.IsAbsoluteUri)
        {
            throw new ArgumentException("LogAnalyticsOptions.Audience must be an absolute URI such as https://api.loganalytics.io.", nameof(Audience));
        }

        if (!Guid.TryParse(WorkspaceId, out _))
        {
            throw new ArgumentException($"LogAnalyticsOptions.WorkspaceId must be the workspace's GUID (its customer id), not '{WorkspaceId}'.", nameof(WorkspaceId));
        }

        if (ServerTimeout < TimeSpan.FromSeconds(1) || ServerTimeout > TimeSpan.FromSeconds(600))
        {
            throw new ArgumentOutOfRangeException(nameof(ServerTimeout), ServerTimeout, "LogAnalyticsOptions.ServerTimeout must lie between 1 s and 600 s (the service's maximum).");
        }

        if (BatchRows < 1 || MaxResultRows < 1 || MaxResultBytes < 1 || MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchRows), "BatchRows, MaxResultRows and MaxResultBytes must be positive, MaxRetries not negative.");
        }
    }
}
