using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LogIngest.Azure.Blob;

/// <summary>
/// The write-only stream a put hands to its writer. Content up to one block is sent with one Put Blob
/// at the end; longer content goes out as blocks while the writer still writes (a bounded number in
/// flight), committed by one Put Block List. Nothing is visible until that commit, so a writer that
/// fails midway leaves no file behind (uncommitted blocks expire on their own).
/// </summary>
internal sealed class BlobUploadStream : Stream
{
    private readonly Func<string, ReadOnlyMemory<byte>, CancellationToken, Task> _putBlock;
    private readonly int _blockSize;
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _inFlight = [];
    private readonly List<string> _blockIds = [];
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly string _uploadId = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
    private readonly CancellationToken _cancellationToken;
    private byte[] _buffer;
    private int _filled;
    private long _length;
    private bool _disposed;

    public BlobUploadStream(Func<string, ReadOnlyMemory<byte>, CancellationToken, Task> putBlock, int blockSize, int maxParallelBlocks, CancellationToken cancellationToken)
    {
        _putBlock = putBlock;
        _blockSize = blockSize;
        _slots = new SemaphoreSlim(maxParallelBlocks, maxParallelBlocks);
        _cancellationToken = cancellationToken;
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException("A blob upload stream is forward-only.");
    }

    /// <summary>True once content outgrew one block and went out as blocks.</summary>
    public bool UsesBlocks => _blockIds.Count > 0;

    /// <summary>The block ids in order, for Put Block List.</summary>
    public IReadOnlyList<string> BlockIds => _blockIds;

    /// <summary>The content when it fits one Put Blob.</summary>
    public ReadOnlyMemory<byte> SmallContent => _buffer.AsMemory(0, _filled);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Synchronous writers are served by the same path; they block only while a block slot is busy.
        var copy = buffer.ToArray();
        WriteAsync(copy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _md5.AppendData(buffer.Span);
        _length += buffer.Length;
        while (!buffer.IsEmpty)
        {
            if (_filled == _blockSize)
            {
                await SendBufferAsBlockAsync(cancellationToken).ConfigureAwait(false);
            }

            var take = Math.Min(buffer.Length, _blockSize - _filled);
            buffer[..take].CopyTo(_buffer.AsMemory(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    public override void Flush()
    {
        // Blocks go out when full; the commit happens in CompleteAsync.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends the last block (if in block mode) and waits for every block; returns the MD5 of the whole content.</summary>
    public async Task<byte[]> CompleteAsync(CancellationToken cancellationToken)
    {
        if (UsesBlocks && _filled > 0)
        {
            await SendBufferAsBlockAsync(cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(_inFlight).ConfigureAwait(false);
        return _md5.GetHashAndReset();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A blob upload stream is write-only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A blob upload stream is forward-only.");

    public override void SetLength(long value) => throw new NotSupportedException("A blob upload stream is forward-only.");

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Blocks still in flight own their buffers; let them finish (or fail) before letting go.
        try
        {
            await Task.WhenAll(_inFlight).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already reported by CompleteAsync, or the put is being abandoned anyway.
        }

        ArrayPool<byte>.Shared.Return(_buffer);
        _md5.Dispose();
        _slots.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async Task SendBufferAsBlockAsync(CancellationToken cancellationToken)
    {
        // Stop the writer early when a block already failed.
        var failed = _inFlight.FirstOrDefault(t => t.IsFaulted);
        if (failed is not null)
        {
            await failed.ConfigureAwait(false);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellationToken);
        await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
        var block = _buffer;
        var length = _filled;
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_uploadId}{_blockIds.Count:D8}")));
        _blockIds.Add(id);
        _buffer = ArrayPool<byte>.Shared.Rent(_blockSize);
        _filled = 0;
        _inFlight.Add(Task.Run(
            async () =>
            {
                try
                {
                    await _putBlock(id, block.AsMemory(0, length), _cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(block);
                    _slots.Release();
                }
            },
            CancellationToken.None));
    }
}
