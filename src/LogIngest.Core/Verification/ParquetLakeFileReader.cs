using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Transform;
using Parquet;

namespace LogIngest.Core.Verification;

/// <summary>
/// Reads lake files with Parquet.Net: the row count and key-value metadata from the footer, the
/// <c>composite_key</c> column one row group at a time. Parquet.Net needs a seekable stream; a lake whose read stream is not
/// (Blob) is first copied to a temporary file that deletes itself.
/// </summary>
public sealed class ParquetLakeFileReader : ILakeFileReader
{
    public Task<long> ScanAsync(ILakeStore lake, string path, Action<string?>? onKey, CancellationToken cancellationToken = default) =>
        ReadAsync(lake, path, (reader, token) => CountAndScanAsync(reader, path, onKey, token), cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(ILakeStore lake, string path, CancellationToken cancellationToken = default) =>
        ReadAsync(lake, path, (reader, _) => Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(reader.CustomMetadata, StringComparer.Ordinal)), cancellationToken);

    private static async Task<T> ReadAsync<T>(ILakeStore lake, string path, Func<ParquetReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var stream = await lake.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek)
            {
                return await ReadSeekableAsync(stream, path, read, cancellationToken).ConfigureAwait(false);
            }

            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (temp.ConfigureAwait(false))
            {
                await stream.CopyToAsync(temp, cancellationToken).ConfigureAwait(false);
                temp.Position = 0;
                return await ReadSeekableAsync(temp, path, read, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<T> ReadSeekableAsync<T>(Stream stream, string path, Func<ParquetReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await read(reader, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or LogIngestException or InvalidDataException))
        {
            // Parquet.Net reports a damaged file in several ways (its own exception, I/O, argument and index errors).
            throw new InvalidDataException($"Lake file '{path}' is not a readable Parquet file: {ex.Message}", ex);
        }
    }

    private static async Task<long> CountAndScanAsync(ParquetReader reader, string path, Action<string?>? onKey, CancellationToken cancellationToken)
    {
        long rows = 0;
        var keyField = onKey is null ? null : reader.Schema.GetDataFields().FirstOrDefault(f => f.Name == WindowSchema.CompositeKeyColumn)
            ?? throw new InvalidDataException($"Lake file '{path}' has no {WindowSchema.CompositeKeyColumn} column, so its rows cannot be told apart; was it written by LogIngest?");
        foreach (var group in reader.RowGroups)
        {
            rows += group.RowCount;
            if (keyField is not null)
            {
                var keys = new string?[checked((int)group.RowCount)];
                await group.ReadAsync(keyField, keys.AsMemory()!, null, cancellationToken).ConfigureAwait(false);
                foreach (var key in keys)
                {
                    onKey!(key);
                }
            }
        }

        return rows;
    }
}
