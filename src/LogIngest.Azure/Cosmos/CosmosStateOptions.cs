using Azure.Core;

namespace LogIngest.Azure.Cosmos;

/// <summary>
/// Settings of <see cref="CosmosStateStore"/>. Give <see cref="Credential"/> (Entra ID, production;
/// the identity needs the Cosmos DB Built-in Data Contributor role) or <see cref="AccountKey"/>
/// (the emulator or a local Cosmos server).
/// </summary>
public sealed class CosmosStateOptions
{
    /// <summary>The account endpoint, e.g. <c>https://account.documents.azure.com:443/</c>. Required.</summary>
    public Uri? AccountEndpoint { get; set; }

    public TokenCredential? Credential { get; set; }

    public string? AccountKey { get; set; }

    /// <summary>Default <c>logingest</c>.</summary>
    public string DatabaseName { get; set; } = "logingest";

    /// <summary>Create the database and the four containers when missing. Default true (needs a control-plane role on Azure; turn off when infra creates them).</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>Retries of a 429 (throttled) request by the SDK. Default 9.</summary>
    public int MaxRetryAttemptsOnRateLimitedRequests { get; set; } = 9;

    /// <summary>Total wait the SDK may spend on 429 retries of one request. Default 30 s.</summary>
    public TimeSpan MaxRetryWaitTimeOnRateLimitedRequests { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of one try of a request (given to the SDK too); a try that runs over it is retried. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Our own retries of a request that failed transiently (timeout, 503, broken connection). Default 4.</summary>
    public int MaxTransientRetries { get; set; } = 4;

    /// <summary>First back-off of those retries, doubled each time. Default 200 ms.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Attempts to update a shared document (coverage, run index) when other writers keep winning the ETag race. Default 50.</summary>
    public int MaxConcurrencyRetries { get; set; } = 50;

    /// <summary>Makes the HTTP client the SDK uses (tests: accept a local server's certificate, inject faults). Default: the SDK's own.</summary>
    public Func<HttpClient>? HttpClientFactory { get; set; }
}
