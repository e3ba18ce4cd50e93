using Azure.Core;

namespace LogIngest.Azure.Blob;

/// <summary>
/// Settings of <see cref="BlobLakeStore"/>. Inherits Azure.Core's client settings: <c>Retry</c>
/// (attempts, back-off, network timeout per try), <c>Transport</c> and <c>AddPolicy</c>.
/// Give either <see cref="Credential"/> (Entra ID, production) or <see cref="AccountName"/> and
/// <see cref="AccountKey"/> (SharedKey: Azurite, or accounts that allow keys).
/// </summary>
public sealed class BlobLakeOptions : ClientOptions
{
    public BlobLakeOptions()
    {
        Retry.MaxRetries = 5;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromSeconds(0.5);
        Retry.MaxDelay = TimeSpan.FromSeconds(16);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }

    /// <summary>
    /// The container (an ADLS Gen2 file system) on the Blob endpoint, e.g.
    /// <c>https://account.blob.core.windows.net/lake</c> or <c>http://127.0.0.1:10000/devstoreaccount1/lake</c>. Required.
    /// </summary>
    public Uri? ContainerUri { get; set; }

    /// <summary>Entra ID credential; tokens are asked for <c>https://storage.azure.com/.default</c>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Storage account name for SharedKey signing.</summary>
    public string? AccountName { get; set; }

    /// <summary>Base64 account key for SharedKey signing.</summary>
    public string? AccountKey { get; set; }

    /// <summary>
    /// Block size of large uploads, and the size up to which one Put Blob request is used. Default 8 MiB
    /// (a block may be up to 4000 MiB; 50,000 blocks per blob).
    /// </summary>
    public int BlockSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Blocks of one upload in flight at once. Default 4.</summary>
    public int MaxParallelBlocks { get; set; } = 4;

    /// <summary>Names per List Blobs page (the service's maximum is 5,000). Default 5,000.</summary>
    public int ListPageSize { get; set; } = 5_000;

    /// <summary>Create the container on first write when it does not exist. Default true.</summary>
    public bool CreateContainerIfMissing { get; set; } = true;

    /// <summary>The Blob REST API version sent as <c>x-ms-version</c>.</summary>
    public string ServiceVersion { get; set; } = "2023-11-03";
}
