using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace LogIngest.Azure.Blob;

/// <summary>
/// Settings of <see cref="BlobLakeStore"/>. They are the Blob SDK's client settings (<c>Retry</c>,
/// <c>Transport</c>, <c>AddPolicy</c>, <c>TransferValidation</c>, ...) plus where the container is and how
/// to sign in. Give the container either as <see cref="ContainerUri"/> with <see cref="Credential"/>
/// (Entra ID: the managed identity on Azure) or <see cref="SharedKeyCredential"/> (an account key), or as
/// <see cref="ConnectionString"/> with <see cref="ContainerName"/> (Azurite, or accounts that allow keys).
/// </summary>
public sealed class BlobLakeOptions : BlobClientOptions
{
    /// <summary>
    /// Retries: 5 after the first try, exponential from 0.5 s up to 16 s, 100 s per try. Each block
    /// and each single-request upload carries an MD5 the service checks.
    /// </summary>
    public BlobLakeOptions()
    {
        Retry.MaxRetries = 5;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromSeconds(0.5);
        Retry.MaxDelay = TimeSpan.FromSeconds(16);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        TransferValidation.Upload.ChecksumAlgorithm = StorageChecksumAlgorithm.MD5;
    }

    /// <summary>
    /// The container (an ADLS Gen2 file system) on the Blob endpoint, e.g.
    /// <c>https://account.blob.core.windows.net/lake</c> or <c>http://127.0.0.1:10000/devstoreaccount1/lake</c>.
    /// </summary>
    public Uri? ContainerUri { get; set; }

    /// <summary>Entra ID credential for <see cref="ContainerUri"/> (e.g. <c>DefaultAzureCredential</c>).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Account name and key for <see cref="ContainerUri"/>, when the account allows keys.</summary>
    public StorageSharedKeyCredential? SharedKeyCredential { get; set; }

    /// <summary>A storage connection string (instead of <see cref="ContainerUri"/>); the container is <see cref="ContainerName"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container of <see cref="ConnectionString"/>.</summary>
    public string? ContainerName { get; set; }

    /// <summary>
    /// Block size of uploads, and the size up to which one Put Blob request is used. Default 8 MiB
    /// (a block may be up to 4000 MiB; 50,000 blocks per blob).
    /// </summary>
    public int BlockSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Blocks of one upload in flight at once (each buffered in memory). Default 4.</summary>
    public int MaxParallelBlocks { get; set; } = 4;

    /// <summary>Names per List Blobs page (the service's maximum is 5,000). Default 5,000.</summary>
    public int ListPageSize { get; set; } = 5_000;

    /// <summary>Create the container on first write when it does not exist. Default true.</summary>
    public bool CreateContainerIfMissing { get; set; } = true;
}
