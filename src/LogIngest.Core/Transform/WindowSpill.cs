using System.Buffers;

namespace LogIngest.Core.Transform;

/// <summary>
/// A window's encoded rows, one temporary file per day, written while the result streams and read
/// back day by day once it is known complete. Memory stays at one buffer per file whatever the window's
/// size; the files delete themselves when closed (also when the process dies on Unix, where they are
/// unlinked on close, or by the OS temp cleaner).
/// </summary>
public sealed class WindowSpill : IAsyncDisposable
{
    private const int BufferSize = 1 << 16;
    private const int ChunkSize = 1 << 18;
    private readonly string _directory;
    private readonly SortedDictionary<long, DayFile> _days = [];
    private byte[] _lengthScratch = new byte[10];

    /// <param name="directory">Where the temporary files go; null for the system temp folder.</param>
    public WindowSpill(string? directory = null)
    {
        _directory = string.IsNullOrEmpty(directory) ? Path.GetTempPath() : directory;
    }

    /// <summary>Days holding at least one row, in order.</summary>
    public IReadOnlyCollection<long> Days => _days.Keys;

    /// <summary>Bytes spilled so far, over all days.</summary>
    public long Bytes { get; private set; }

    public long RowsOf(long day) => _days.TryGetValue(day, out var file) ? file.Rows : 0;

    /// <summary>Appends one record (length-prefixed) to the day's file.</summary>
    public void Append(long day, ReadOnlySpan<byte> record)
    {
        if (!_days.TryGetValue(day, out var file))
        {
            Directory.CreateDirectory(_directory);
            var path = Path.Combine(_directory, "logingest-spill-" + Guid.NewGuid().ToString("N") + ".tmp");
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose);
            file = new DayFile(stream);
            _days.Add(day, file);
        }

        var length = 0;
        var value = (uint)record.Length;
        while (value >= 0x80)
        {
            _lengthScratch[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _lengthScratch[length++] = (byte)value;
        file.Stream.Write(_lengthScratch, 0, length);
        file.Stream.Write(record);
        file.Rows++;
        Bytes += length + record.Length;
    }

    /// <summary>
    /// Reads the day's records in the order they were appended, as chunks of whole records (read them
    /// with <see cref="NextRecord"/>); each chunk is valid until the next one. Chunks, not one call per
    /// record: the write stage spent more time in per-record async reads than in decoding them.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(long day, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_days.TryGetValue(day, out var file))
        {
            yield break;
        }

        await file.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Stream.Position = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var filled = 0;
            long records = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One record longer than the chunk: grow to hold it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await file.Stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (filled > 0 || records != file.Rows)
                    {
                        throw new EndOfStreamException("A window spill file ended inside a record.");
                    }

                    yield break;
                }

                filled += read;
                var end = WholeRecords(buffer.AsSpan(0, filled), ref records);
                if (end > 0)
                {
                    yield return buffer.AsMemory(0, end);
                    buffer.AsSpan(end, filled - end).CopyTo(buffer);
                    filled -= end;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The record at <paramref name="position"/> of a chunk from <see cref="ReadChunksAsync"/>; advances past it.</summary>
    public static ReadOnlySpan<byte> NextRecord(ReadOnlySpan<byte> chunk, ref int position)
    {
        var length = (int)CanonicalRow.ReadVarint(chunk, ref position);
        var record = chunk.Slice(position, length);
        position += length;
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _days.Values)
        {
            await file.Stream.DisposeAsync().ConfigureAwait(false);
        }

        _days.Clear();
        _lengthScratch = [];
    }

    // The end of the last whole record in data (0 when none is whole yet); counts the records.
    private static int WholeRecords(ReadOnlySpan<byte> data, ref long records)
    {
        var end = 0;
        while (true)
        {
            var position = end;
            var length = 0L;
            var shift = 0;
            while (true)
            {
                if (position == data.Length)
                {
                    return end;
                }

                var b = data[position++];
                length |= (long)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }

                shift += 7;
                if (shift >= 35)
                {
                    throw new InvalidDataException("A window spill record length is malformed.");
                }
            }

            if (data.Length - position < length)
            {
                return end;
            }

            end = position + (int)length;
            records++;
        }
    }

    private sealed class DayFile(FileStream stream)
    {
        public FileStream Stream { get; } = stream;

        public long Rows { get; set; }
    }
}
