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

    /// <summary>Reads the day's records in the order they were appended; each span is valid until the next one.</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(long day, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_days.TryGetValue(day, out var file))
        {
            yield break;
        }

        await file.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Stream.Position = 0;
        var buffer = new byte[4096];
        for (long i = 0; i < file.Rows; i++)
        {
            var length = ReadLength(file.Stream);
            if (length > buffer.Length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            await file.Stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            yield return buffer.AsMemory(0, length);
        }
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

    private static int ReadLength(Stream stream)
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException("A window spill file ended inside a record.");
            }

            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A window spill record length is malformed.");
    }

    private sealed class DayFile(FileStream stream)
    {
        public FileStream Stream { get; } = stream;

        public long Rows { get; set; }
    }
}
