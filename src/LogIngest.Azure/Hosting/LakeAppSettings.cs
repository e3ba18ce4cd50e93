namespace LogIngest.Azure.Hosting;

/// <summary>
/// The app settings <c>Lake__*</c>: where the lake is. Both are written by <c>azd up</c>.
/// </summary>
public sealed class LakeAppSettings
{
    /// <summary><c>Lake__BlobEndpoint</c>: the storage account's Blob endpoint, e.g. <c>https://account.blob.core.windows.net</c>. Required.</summary>
    public Uri? BlobEndpoint { get; set; }

    /// <summary><c>Lake__Container</c>: the container (ADLS Gen2 file system) of the lake. Required.</summary>
    public string? Container { get; set; }
}
