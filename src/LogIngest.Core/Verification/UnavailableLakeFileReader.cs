using LogIngest.Core.Ports;

namespace LogIngest.Core.Verification;

/// <summary>The reader of a host that cannot read Parquet: says so, and never makes up a number.</summary>
public sealed class UnavailableLakeFileReader : ILakeFileReader
{
    public bool IsAvailable => false;

    public Task<long> CountRowsAsync(ILakeStore lake, string path, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("This host has no Parquet reader; lake row counts are unavailable.");

    public IAsyncEnumerable<string?> ReadStringsAsync(ILakeStore lake, string path, string column, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("This host has no Parquet reader; lake columns are unavailable.");
}
