namespace LogIngest.Parquet.IO;

/// <summary>
/// Fixed-size segments that hold a row group's encoded pages until it is flushed. Reusing them
/// across row groups keeps the writer's memory at about one row group, not one file; segments come
/// from and go back to the shared array pool, so writing many files in a row does not allocate a
/// large-object-heap array per segment per file.
/// </summary>
internal sealed class SegmentPool
{
    public const int SegmentSize = 256 * 1024;
    private readonly Stack<byte[]> _free = new();
    private readonly Lock _lock = new();

    public byte[] Rent()
    {
        lock (_lock)
        {
            if (_free.Count > 0)
            {
                return _free.Pop();
            }
        }

        return System.Buffers.ArrayPool<byte>.Shared.Rent(SegmentSize);
    }

    public void Return(byte[] segment)
    {
        lock (_lock)
        {
            _free.Push(segment);
        }
    }

    /// <summary>Drops pooled segments beyond what the next row group will likely need.</summary>
    public void Trim(int keep)
    {
        lock (_lock)
        {
            while (_free.Count > keep)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(_free.Pop());
            }
        }
    }
}
