namespace LogIngest.Parquet.IO;

/// <summary>Bytes appended across pooled fixed-size segments (no doubling, no large copies).</summary>
internal sealed class SegmentedBuffer
{
    private readonly SegmentPool _pool;
    private readonly List<byte[]> _segments = [];
    private int _usedInLast = SegmentPool.SegmentSize;

    public SegmentedBuffer(SegmentPool pool)
    {
        _pool = pool;
    }

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_usedInLast == SegmentPool.SegmentSize)
            {
                _segments.Add(_pool.Rent());
                _usedInLast = 0;
            }

            var take = Math.Min(bytes.Length, SegmentPool.SegmentSize - _usedInLast);
            bytes[..take].CopyTo(_segments[^1].AsSpan(_usedInLast));
            _usedInLast += take;
            Length += take;
            bytes = bytes[take..];
        }
    }

    public async ValueTask CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _segments.Count; i++)
        {
            var length = i == _segments.Count - 1 ? _usedInLast : SegmentPool.SegmentSize;
            await stream.WriteAsync(_segments[i].AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Reset()
    {
        foreach (var segment in _segments)
        {
            _pool.Return(segment);
        }

        _segments.Clear();
        _usedInLast = SegmentPool.SegmentSize;
        Length = 0;
    }
}
