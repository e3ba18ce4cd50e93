using LogIngest.Core.Ports;

namespace LogIngest.Core.Verification;

/// <summary>The reader of a host that cannot read Parquet: says so, and never makes up a number.</summary>
public sealed class UnavailableLakeFileReader : ILakeFileReader
{
    public bool IsAvailable => false;

    public Task<long> ScanAsync(ILakeStore lake, string path, Action<string?>? onKey, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("This host has no Parquet reader; lake row counts are unavailable.");
}
