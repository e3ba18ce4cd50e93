using LogIngest.Core.Ports;

namespace LogIngest.Core.Verification;

/// <summary>Reads what verification and lineage need from one lake file: its row count, its rows' identities (<see cref="LakeRowKey"/>), its footer's key-value metadata.</summary>
public interface ILakeFileReader
{
    /// <summary>
    /// Opens the file once: answers its row count (from its footer) and, when <paramref name="onKey"/> is
    /// given, calls it with every row's <see cref="LakeRowKey"/> (<c>TimeGenerated</c> and <c>composite_key</c>) in row order. A file that is not a readable
    /// lake file fails with <see cref="InvalidDataException"/> naming it; lake I/O fails as the lake does.
    /// </summary>
    Task<long> ScanAsync(ILakeStore lake, string path, Action<LakeRowKey>? onKey, CancellationToken cancellationToken = default);

    /// <summary>The key-value metadata of the file's footer (empty when it has none); failures as <see cref="ScanAsync"/>.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(ILakeStore lake, string path, CancellationToken cancellationToken = default);
}
