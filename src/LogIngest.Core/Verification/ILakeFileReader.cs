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

    /// <summary>
    /// Opens the file once: answers its row count (from its footer) and, when <paramref name="onKey"/> is
    /// given, calls it with every <c>composite_key</c> value in row order.
    /// </summary>
    Task<long> ScanAsync(ILakeStore lake, string path, Action<string?>? onKey, CancellationToken cancellationToken = default);
}
