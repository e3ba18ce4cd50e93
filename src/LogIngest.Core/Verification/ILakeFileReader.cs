using LogIngest.Core.Ports;

namespace LogIngest.Core.Verification;

/// <summary>
/// Reads what verification needs from one lake file: its row count and its <c>composite_key</c>
/// values. A host without a Parquet reader registers <see cref="UnavailableLakeFileReader"/>, and
/// reports say "unavailable" instead of a number.
/// </summary>
public interface ILakeFileReader
{
    /// <summary>False when this host cannot read lake files (the checks that need it are skipped and said so).</summary>
    bool IsAvailable { get; }

    /// <summary>The file's row count (from its footer).</summary>
    Task<long> CountRowsAsync(ILakeStore lake, string path, CancellationToken cancellationToken = default);

    /// <summary>The values of a string column of the file, in row order.</summary>
    IAsyncEnumerable<string?> ReadStringsAsync(ILakeStore lake, string path, string column, CancellationToken cancellationToken = default);
}
