using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;

namespace LogIngest.Azure.Blob;

/// <summary>
/// The lake on Azure Blob Storage (or an ADLS Gen2 account's Blob endpoint), on the Blob SDK. A put
/// streams the writer's bytes into the SDK's upload: content up to one block goes as one Put Blob,
/// longer content as blocks staged in parallel (at most <see cref="BlobLakeOptions.MaxParallelBlocks"/>)
/// and one Put Block List once the writer has finished, so a lake file is whole or absent. Transient
/// failures are retried by the SDK's pipeline; what still fails surfaces as S501 (R401 when refused).
/// </summary>
public sealed class BlobLakeStore : ILakeStore
{
    private readonly BlobContainerClient _container;
    private readonly BlobLakeOptions _options;
    private readonly Lock _containerGate = new();
    private Task? _containerReady;

    public BlobLakeStore(BlobLakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BlockSizeBytes is < 64 * 1024 or > 100 * 1024 * 1024)
        {
            throw new ArgumentException($"BlobLakeOptions.BlockSizeBytes must lie in 64 KiB..100 MiB; got {options.BlockSizeBytes}.", nameof(options));
        }

        if (options.MaxParallelBlocks < 1)
        {
            throw new ArgumentException($"BlobLakeOptions.MaxParallelBlocks must be at least 1; got {options.MaxParallelBlocks}.", nameof(options));
        }

        if (options.ListPageSize is < 1 or > 5_000)
        {
            throw new ArgumentException($"BlobLakeOptions.ListPageSize must lie in 1..5000; got {options.ListPageSize}.", nameof(options));
        }

        _options = options;
        _container = options switch
        {
            { ConnectionString: { Length: > 0 } connection } => new BlobContainerClient(
                connection,
                options.ContainerName is { Length: > 0 } name ? name : throw new ArgumentException("BlobLakeOptions.ContainerName is missing: a connection string needs the container's name, e.g. \"lake\".", nameof(options)),
                options),
            { ContainerUri: null } => throw new ArgumentException("BlobLakeOptions.ContainerUri is missing: give the container URL, e.g. https://account.blob.core.windows.net/lake (or a ConnectionString and ContainerName).", nameof(options)),
            { Credential: { } credential } => new BlobContainerClient(options.ContainerUri, credential, options),
            { SharedKeyCredential: { } key } => new BlobContainerClient(options.ContainerUri, key, options),
            _ => throw new ArgumentException("BlobLakeOptions needs Credential (Entra ID) or SharedKeyCredential (account key) for ContainerUri.", nameof(options)),
        };
    }

    public async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        if (_options.CreateContainerIfMissing)
        {
            await CallAsync("create container", string.Empty, EnsureContainerAsync).ConfigureAwait(false);
        }

        // The writer pushes into a pipe the SDK's upload reads from; the pipe holds at most one block
        // beyond the blocks the upload buffers, so memory stays bounded whatever the file's size.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: _options.BlockSizeBytes, resumeWriterThreshold: _options.BlockSizeBytes / 2, useSynchronizationContext: false));
        var upload = UploadAsync(_container.GetBlobClient(path), pipe.Reader, cancellationToken);
        var content = new UploadContentStream(pipe.Writer.AsStream(leaveOpen: true), upload);
        await using (content.ConfigureAwait(false))
        {
            try
            {
                await writeContent(content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (upload.IsCompleted)
            {
                // The upload broke or was cancelled first (the writer only saw its stream end): report that.
                await CallAsync("upload", path, () => upload).ConfigureAwait(false);
                throw;
            }
            catch (Exception writerError)
            {
                // Ending the content with the writer's error fails the upload before any commit.
                await pipe.Writer.CompleteAsync(writerError).ConfigureAwait(false);
                await ((Task)upload).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            var info = await CallAsync("upload", path, () => upload).ConfigureAwait(false);
            return new LakeItem(path, content.Written, info.Value.LastModified);
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        var blob = _container.GetBlobClient(path);
        try
        {
            // One GET for the whole file: the reader sees the version it opened, even when the file is
            // replaced meanwhile (a broken download resumes only on that version, or fails).
            var download = await CallAsync("read", path, () => blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            var stream = download.Value.Content;
            return new LakeReadStream(stream, path);
        }
        catch (LogIngestException ex) when (ex.InnerException is RequestFailedException { Status: (int)HttpStatusCode.NotFound })
        {
            throw new LogIngestException(ErrorCodes.NotFound, $"Lake file '{path}' does not exist.", ex.InnerException);
        }
    }

    public async IAsyncEnumerable<LakeItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LakePath.ValidatePrefix(prefix);

        // Metadata marks the folder placeholders an account with a hierarchical namespace lists as blobs.
        var listing = new GetBlobsOptions { Prefix = prefix.Length > 0 ? prefix : null, Traits = BlobTraits.Metadata };
        var pages = _container.GetBlobsAsync(listing, cancellationToken).AsPages(pageSizeHint: _options.ListPageSize).GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (await NextPageAsync(pages, prefix).ConfigureAwait(false))
            {
                foreach (var blob in pages.Current.Values)
                {
                    if (blob.Metadata?.TryGetValue("hdi_isfolder", out var folder) == true && string.Equals(folder, "true", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    yield return new LakeItem(blob.Name, blob.Properties.ContentLength ?? 0, blob.Properties.LastModified ?? DateTimeOffset.UnixEpoch);
                }
            }
        }
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        var blob = _container.GetBlobClient(path);
        var deleted = await CallAsync("delete", path, () => blob.DeleteIfExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        return deleted.Value;
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        var blob = _container.GetBlobClient(path);
        var exists = await CallAsync("check", path, () => blob.ExistsAsync(cancellationToken)).ConfigureAwait(false);
        return exists.Value;
    }

    private async Task<Response<BlobContentInfo>> UploadAsync(BlobClient blob, PipeReader content, CancellationToken cancellationToken)
    {
        try
        {
            var transfer = new StorageTransferOptions
            {
                InitialTransferSize = _options.BlockSizeBytes,
                MaximumTransferSize = _options.BlockSizeBytes,
                MaximumConcurrency = _options.MaxParallelBlocks,
            };

            // Overwrites: readers keep the previous file until the new one is committed.
            return await blob.UploadAsync(content.AsStream(leaveOpen: true), new BlobUploadOptions { TransferOptions = transfer }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A writer waiting for room in the pipe goes on (and stops at its next write) once the upload is over.
            await content.CompleteAsync().ConfigureAwait(false);
        }
    }

    private Task EnsureContainerAsync()
    {
        lock (_containerGate)
        {
            // Created once per store; a failed attempt is tried again by the next put.
            if (_containerReady is null || _containerReady.IsFaulted || _containerReady.IsCanceled)
            {
                _containerReady = _container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            }

            return _containerReady;
        }
    }

    private async Task<bool> NextPageAsync(IAsyncEnumerator<Page<BlobItem>> pages, string prefix)
    {
        try
        {
            return await CallAsync("list", prefix, async () => await pages.MoveNextAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (LogIngestException ex) when (ex.InnerException is RequestFailedException { ErrorCode: "ContainerNotFound" })
        {
            // A container nothing was written to yet holds no files.
            return false;
        }
    }

    private async Task CallAsync(string operation, string path, Func<Task> call) =>
        await CallAsync(operation, path, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private async Task<T> CallAsync<T>(string operation, string path, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (Failure(ex, operation, path) is { } failure)
        {
            throw failure;
        }
    }

    private LogIngestException? Failure(Exception ex, string operation, string path)
    {
        var where = $"Blob {operation} '{path}' in {_container.Uri}";
        return ex switch
        {
            RequestFailedException { Status: (int)HttpStatusCode.Forbidden } refused => new LogIngestException(ErrorCodes.Forbidden,
                $"{where} was refused: HTTP 403 {refused.ErrorCode}. Grant the identity 'Storage Blob Data Contributor' on the account or container (or check the key).", refused),
            RequestFailedException failed => new LogIngestException(ErrorCodes.LakeIo, $"{where} failed: HTTP {failed.Status} {failed.ErrorCode}.", failed),
            global::Azure.Identity.AuthenticationFailedException signIn => Hosting.AzureSignIn.Failed($"Blob storage ({_container.Uri})", signIn),

            // Retries exhausted on broken connections or timeouts; an OperationCanceledException the caller asked for is not ours to wrap.
            AggregateException or IOException or HttpRequestException or TimeoutException => new LogIngestException(ErrorCodes.LakeIo, $"{where} failed after retries: {ex.Message}", ex),
            _ => null,
        };
    }

    /// <summary>The writer's side of a put: counts bytes and stops the writer once the upload is over.</summary>
    private sealed class UploadContentStream(Stream pipe, Task upload) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException("A lake upload stream is forward-only.");

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException("A lake upload stream is forward-only.");
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ThrowIfUploadEnded();
            pipe.Write(buffer);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ThrowIfUploadEnded();
            await pipe.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Written += buffer.Length;
        }

        // Every write reaches the upload at once; the commit happens when the writer returns.
        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A lake upload stream is write-only.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A lake upload stream is forward-only.");

        public override void SetLength(long value) => throw new NotSupportedException("A lake upload stream is forward-only.");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                pipe.Dispose();
            }

            base.Dispose(disposing);
        }

        private void ThrowIfUploadEnded()
        {
            if (upload.IsCompleted)
            {
                throw new IOException("The upload to Blob storage ended before the content did.");
            }
        }
    }

    /// <summary>A lake file being read: failures of the ranged reads surface as S501 naming the file.</summary>
    private sealed class LakeReadStream(Stream inner, string path) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                throw ReadFailure(ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                throw ReadFailure(ex);
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException("A lake file is read-only.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A lake file is read-only.");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private static bool IsReadFailure(Exception ex) => ex is RequestFailedException or AggregateException or IOException or HttpRequestException;

        private LogIngestException ReadFailure(Exception ex) => ex is RequestFailedException { Status: (int)HttpStatusCode.PreconditionFailed }
            ? new LogIngestException(ErrorCodes.LakeIo, $"Lake file '{path}' was replaced while it was being read; read it again.", ex)
            : new LogIngestException(ErrorCodes.LakeIo, $"Reading lake file '{path}' from Blob storage broke off: {ex.Message}", ex);
    }
}
