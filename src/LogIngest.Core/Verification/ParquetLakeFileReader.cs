using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Transform;
using Parquet;

namespace LogIngest.Core.Verification;

/// <summary>
/// Reads lake files with Parquet.Net: the row count from the footer, the <c>composite_key</c> column
/// one row group at a time. Parquet.Net needs a seekable stream; a lake whose read stream is not
/// (Blob) is first copied to a temporary file that deletes itself.
/// </summary>
public sealed class ParquetLakeFileReader : ILakeFileReader
{
    public async Task<long> ScanAsync(ILakeStore lake, string path, Action<string?>? onKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var stream = await lake.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek)
            {
                return await ScanSeekableAsync(stream, path, onKey, cancellationToken).ConfigureAwait(false);
            }

            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (temp.ConfigureAwait(false))
            {
                await stream.CopyToAsync(temp, cancellationToken).ConfigureAwait(false);
                temp.Position = 0;
                return await ScanSeekableAsync(temp, path, onKey, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> ScanSeekableAsync(Stream stream, string path, Action<string?>? onKey, CancellationToken cancellationToken)
    {
        try
        {
            var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
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
        catch (Exception ex) when (ex is not (OperationCanceledException or LogIngestException or InvalidDataException))
        {
            // Parquet.Net reports a damaged file in several ways (its own exception, I/O, argument and index errors).
            throw new InvalidDataException($"Lake file '{path}' is not a readable Parquet file: {ex.Message}", ex);
        }
    }
}
