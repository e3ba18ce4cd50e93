using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Transform;
using Parquet;

namespace LogIngest.Core.Verification;

/// <summary>
/// Reads lake files with Parquet.Net: the row count and key-value metadata from the footer, the
/// <c>TimeGenerated</c> and <c>composite_key</c> columns one row group at a time. Parquet.Net needs a seekable stream; a lake whose read stream is not
/// (Blob) is first copied to a temporary file that deletes itself.
/// </summary>
public sealed class ParquetLakeFileReader : ILakeFileReader
{
    public Task<long> ScanAsync(ILakeStore lake, string path, Action<LakeRowKey>? onKey, CancellationToken cancellationToken = default) =>
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

    private static async Task<long> CountAndScanAsync(ParquetReader reader, string path, Action<LakeRowKey>? onKey, CancellationToken cancellationToken)
    {
        long rows = 0;
        var fields = reader.Schema.GetDataFields();
        var keyField = onKey is null ? null : KeyField(fields, path);
        var timeField = onKey is null ? null : fields.FirstOrDefault(f => f.Name == WindowWriter.TimeGeneratedColumn && f.ClrType == typeof(DateTime))
            ?? throw new InvalidDataException($"Lake file '{path}' has no timestamp column {WindowWriter.TimeGeneratedColumn}, so its rows cannot be told apart; was it written by LogIngest?");
        foreach (var group in reader.RowGroups)
        {
            rows += group.RowCount;
            if (keyField is not null)
            {
                var count = checked((int)group.RowCount);
                var keys = new long[count];
                await group.ReadAsync<long>(keyField, keys.AsMemory(), null, cancellationToken).ConfigureAwait(false);
                var times = await ReadTimesAsync(group, timeField!, count, cancellationToken).ConfigureAwait(false);
                for (var row = 0; row < count; row++)
                {
                    onKey!(new LakeRowKey(times[row], keys[row]));
                }
            }
        }

        return rows;
    }

    // Ticks of each row's TimeGenerated; a null one (never written by LogIngest) as long.MinValue.
    private static async Task<long[]> ReadTimesAsync(ParquetRowGroupReader group, global::Parquet.Schema.DataField field, int count, CancellationToken cancellationToken)
    {
        if (!field.IsNullable)
        {
            var required = new DateTime[count];
            await group.ReadAsync<DateTime>(field, required.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return [.. required.Select(t => t.Ticks)];
        }

        var times = new DateTime?[count];
        await group.ReadAsync<DateTime>(field, times.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        return [.. times.Select(t => t?.Ticks ?? long.MinValue)];
    }

    private static global::Parquet.Schema.DataField KeyField(global::Parquet.Schema.DataField[] fields, string path)
    {
        var field = fields.FirstOrDefault(f => f.Name == WindowSchema.CompositeKeyColumn)
            ?? throw new InvalidDataException($"Lake file '{path}' has no {WindowSchema.CompositeKeyColumn} column, so its rows cannot be told apart; was it written by LogIngest?");
        return field.ClrType == typeof(long) && !field.IsNullable
            ? field
            : throw new InvalidDataException(
                $"Lake file '{path}' has a {WindowSchema.CompositeKeyColumn} of another kind than the 64-bit integer LogIngest writes (a text key is from a LogIngest before 64-bit keys); forget its window (logingest reset --config <id> --from <start> --to <end>, which removes the window's checkpoint and files) and load that range again.");
    }
}
