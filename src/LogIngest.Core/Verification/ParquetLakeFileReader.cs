using LogIngest.Core.Ports;
using LogIngest.Core.Transform;
using LogIngest.Parquet;

namespace LogIngest.Core.Verification;

/// <summary>
/// Reads lake files with <see cref="ParquetFileReader"/>. The reader needs a seekable stream; a lake
/// whose read stream is not (Blob) is first copied to a temporary file that deletes itself.
/// </summary>
public sealed class ParquetLakeFileReader : ILakeFileReader
{
    public bool IsAvailable => true;

    public async Task<long> ScanAsync(ILakeStore lake, string path, Action<string?>? onKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var stream = await lake.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek)
            {
                return await ScanSeekableAsync(stream, onKey, cancellationToken).ConfigureAwait(false);
            }

            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (temp.ConfigureAwait(false))
            {
                await stream.CopyToAsync(temp, cancellationToken).ConfigureAwait(false);
                temp.Position = 0;
                return await ScanSeekableAsync(temp, onKey, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> ScanSeekableAsync(Stream stream, Action<string?>? onKey, CancellationToken cancellationToken)
    {
        using var reader = await ParquetFileReader.OpenAsync(stream, cancellationToken).ConfigureAwait(false);
        if (onKey is not null)
        {
            await foreach (var key in reader.ReadStringsAsync(WindowSchema.CompositeKeyColumn, cancellationToken).ConfigureAwait(false))
            {
                onKey(key);
            }
        }

        return reader.RowCount;
    }
}
