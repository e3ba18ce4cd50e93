namespace LogIngest.Core.Ports;

/// <summary>
/// The data lake: files addressed by relative, '/'-separated keys such as
/// <c>loganalytics/OfficeActivity/year=2025/month=01/day=01/OfficeActivity-1-2.parquet</c>.
/// Failures surface as <see cref="Observability.LogIngestException"/> with code S501.
/// </summary>
public interface ILakeStore
{
    /// <summary>
    /// Writes a file atomically: readers see either the previous file (or none) or the whole new one,
    /// never a partial one. <paramref name="writeContent"/> streams the content into a forward-only
    /// stream; it must not dispose it. Overwrites an existing file.
    /// </summary>
    Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for reading; throws <see cref="Observability.LogIngestException"/> R402 when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Every file whose key starts with <paramref name="prefix"/> (a plain string prefix, "" for all), in ordinal key order.</summary>
    IAsyncEnumerable<LakeItem> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);
}
