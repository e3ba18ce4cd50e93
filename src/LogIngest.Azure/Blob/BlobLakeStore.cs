using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;

namespace LogIngest.Azure.Blob;

/// <summary>
/// The lake on Azure Blob Storage (or an ADLS Gen2 account's Blob endpoint), over the Blob REST API on
/// Azure.Core's pipeline: Put Blob for content up to one block, Put Block + Put Block List for more
/// (parallel blocks, each with Content-MD5 checked by the service), List Blobs with continuation,
/// Get Blob, Delete Blob. Transient failures (timeouts, 5xx, 429, broken connections) are retried by
/// the pipeline; what still fails surfaces as S501, and an upload is committed only when complete.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "Content-MD5 is the Blob service's transfer checksum, not a security measure.")]
public sealed class BlobLakeStore : ILakeStore
{
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;
    private readonly BlobLakeOptions _options;
    private readonly Uri _container;
    private readonly Lazy<Task> _containerReady;

    public BlobLakeStore(BlobLakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _container = options.ContainerUri ?? throw new ArgumentException("BlobLakeOptions.ContainerUri is missing: give the container URL, e.g. https://account.blob.core.windows.net/lake.", nameof(options));
        if (options.BlockSizeBytes is < 64 * 1024 or > 100 * 1024 * 1024)
        {
            throw new ArgumentException("BlobLakeOptions.BlockSizeBytes must lie in 64 KiB..100 MiB.", nameof(options));
        }

        if (options.MaxParallelBlocks < 1 || options.ListPageSize is < 1 or > 5_000)
        {
            throw new ArgumentException("BlobLakeOptions.MaxParallelBlocks must be at least 1 and ListPageSize in 1..5000.", nameof(options));
        }

        HttpPipelinePolicy auth = options switch
        {
            { Credential: { } credential } => new BearerTokenAuthenticationPolicy(credential, StorageScope),
            { AccountName: { Length: > 0 } name, AccountKey: { Length: > 0 } key } => new SharedKeySigningPolicy(name, key),
            _ => throw new ArgumentException("BlobLakeOptions needs Credential (Entra ID) or AccountName and AccountKey (SharedKey).", nameof(options)),
        };

        _pipeline = HttpPipelineBuilder.Build(options, [], [new BlobRequestHeadersPolicy(options.ServiceVersion), auth], new ResponseClassifier());
        _containerReady = new Lazy<Task>(() => EnsureContainerAsync(CancellationToken.None));
    }

    public async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        if (_options.CreateContainerIfMissing)
        {
            await _containerReady.Value.ConfigureAwait(false);
        }

        var upload = new BlobUploadStream((id, block, ct) => PutBlockAsync(path, id, block, ct), _options.BlockSizeBytes, _options.MaxParallelBlocks, cancellationToken);
        await using (upload.ConfigureAwait(false))
        {
            await writeContent(upload, cancellationToken).ConfigureAwait(false);
            var md5 = await upload.CompleteAsync(cancellationToken).ConfigureAwait(false);
            using var message = upload.UsesBlocks
                ? PutBlockListMessage(path, upload.BlockIds, md5)
                : PutBlobMessage(path, upload.SmallContent, md5);
            await SendAsync(message, "upload", path, cancellationToken).ConfigureAwait(false);
            ThrowUnless(message.Response, HttpStatusCode.Created, "upload", path);
            return new LakeItem(path, upload.Length, LastModified(message.Response));
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        var message = _pipeline.CreateMessage();
        try
        {
            message.BufferResponse = false;
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(BlobUri(path));
            await SendAsync(message, "read", path, cancellationToken).ConfigureAwait(false);
            if (message.Response.Status == (int)HttpStatusCode.NotFound)
            {
                throw new LogIngestException(ErrorCodes.NotFound, $"Lake file '{path}' does not exist.");
            }

            ThrowUnless(message.Response, HttpStatusCode.OK, "read", path);
            var content = message.ExtractResponseContent() ?? Stream.Null;
            return new OwningStream(content, message);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<LakeItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LakePath.ValidatePrefix(prefix);
        string? marker = null;
        do
        {
            using var message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            var uri = new RequestUriBuilder();
            uri.Reset(_container);
            uri.AppendQuery("restype", "container");
            uri.AppendQuery("comp", "list");
            uri.AppendQuery("include", "metadata");
            uri.AppendQuery("maxresults", _options.ListPageSize.ToString(CultureInfo.InvariantCulture));
            if (prefix.Length > 0)
            {
                uri.AppendQuery("prefix", prefix);
            }

            if (marker is not null)
            {
                uri.AppendQuery("marker", marker);
            }

            message.Request.Uri = uri;
            await SendAsync(message, "list", prefix, cancellationToken).ConfigureAwait(false);
            if (message.Response.Status == (int)HttpStatusCode.NotFound && message.Response.Headers.TryGetValue("x-ms-error-code", out var code) && code == "ContainerNotFound")
            {
                yield break;
            }

            ThrowUnless(message.Response, HttpStatusCode.OK, "list", prefix);
            var page = XDocument.Parse(message.Response.Content.ToString());
            foreach (var blob in page.Root?.Element("Blobs")?.Elements("Blob") ?? [])
            {
                if (IsDirectoryPlaceholder(blob))
                {
                    continue;
                }

                var properties = blob.Element("Properties");
                yield return new LakeItem(
                    (string?)blob.Element("Name") ?? string.Empty,
                    long.Parse((string?)properties?.Element("Content-Length") ?? "0", CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse((string?)properties?.Element("Last-Modified") ?? "Thu, 01 Jan 1970 00:00:00 GMT", CultureInfo.InvariantCulture));
            }

            marker = (string?)page.Root?.Element("NextMarker");
        }
        while (!string.IsNullOrEmpty(marker));
    }

    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Delete;
        message.Request.Uri.Reset(BlobUri(path));
        await SendAsync(message, "delete", path, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }

        ThrowUnless(message.Response, HttpStatusCode.Accepted, "delete", path);
        return true;
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Head;
        message.Request.Uri.Reset(BlobUri(path));
        await SendAsync(message, "check", path, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }

        ThrowUnless(message.Response, HttpStatusCode.OK, "check", path);
        return true;
    }

    private async Task PutBlockAsync(string path, string blockId, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        var uri = new RequestUriBuilder();
        uri.Reset(BlobUri(path));
        uri.AppendQuery("comp", "block");
        uri.AppendQuery("blockid", blockId);
        message.Request.Uri = uri;
        message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(MD5.HashData(block.Span)));
        message.Request.Content = RequestContent.Create(block);
        await SendAsync(message, "upload block of", path, cancellationToken).ConfigureAwait(false);
        ThrowUnless(message.Response, HttpStatusCode.Created, "upload block of", path);
    }

    private HttpMessage PutBlobMessage(string path, ReadOnlyMemory<byte> content, byte[] md5)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(BlobUri(path));
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(md5));
        message.Request.Content = RequestContent.Create(content);
        return message;
    }

    private HttpMessage PutBlockListMessage(string path, IReadOnlyList<string> blockIds, byte[] md5)
    {
        var body = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            body.Append("<Latest>").Append(id).Append("</Latest>");
        }

        var bytes = Encoding.UTF8.GetBytes(body.Append("</BlockList>").ToString());
        var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        var uri = new RequestUriBuilder();
        uri.Reset(BlobUri(path));
        uri.AppendQuery("comp", "blocklist");
        message.Request.Uri = uri;
        message.Request.Headers.SetValue("Content-MD5", Convert.ToBase64String(MD5.HashData(bytes)));

        // Stored as the blob's Content-MD5, so readers can check the whole file.
        message.Request.Headers.SetValue("x-ms-blob-content-md5", Convert.ToBase64String(md5));
        message.Request.Content = RequestContent.Create(bytes);
        return message;
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        var uri = new RequestUriBuilder();
        uri.Reset(_container);
        uri.AppendQuery("restype", "container");
        message.Request.Uri = uri;
        await SendAsync(message, "create container", string.Empty, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != (int)HttpStatusCode.Conflict)
        {
            ThrowUnless(message.Response, HttpStatusCode.Created, "create container", string.Empty);
        }
    }

    private async Task SendAsync(HttpMessage message, string operation, string path, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is RequestFailedException or AggregateException or IOException or HttpRequestException or OperationCanceledException)
        {
            throw new LogIngestException(ErrorCodes.LakeIo, $"Blob {operation} '{path}' failed after retries: {ex.Message}", ex);
        }
    }

    private void ThrowUnless(Response response, HttpStatusCode expected, string operation, string path)
    {
        if (response.Status == (int)expected)
        {
            return;
        }

        response.Headers.TryGetValue("x-ms-error-code", out var errorCode);
        var what = $"Blob {operation} '{path}' in {_container} failed: HTTP {response.Status} {errorCode}";
        throw response.Status == (int)HttpStatusCode.Forbidden
            ? new LogIngestException(ErrorCodes.Forbidden, what + ". Grant the identity 'Storage Blob Data Contributor' on the account or container (or check the key).")
            : new LogIngestException(ErrorCodes.LakeIo, what + ".");
    }

    private Uri BlobUri(string path)
    {
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return new Uri(_container.AbsoluteUri.TrimEnd('/') + "/" + escaped);
    }

    private static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value)
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture)
            : DateTimeOffset.UtcNow;

    // Accounts with a hierarchical namespace list folders as empty blobs marked as directories.
    private static bool IsDirectoryPlaceholder(XElement blob) =>
        string.Equals((string?)blob.Element("Metadata")?.Element("hdi_isfolder"), "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals((string?)blob.Element("Properties")?.Element("ResourceType"), "directory", StringComparison.OrdinalIgnoreCase);

    /// <summary>A response body stream that releases its HTTP message when disposed.</summary>
    private sealed class OwningStream(Stream inner, HttpMessage message) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadCore(() => inner.Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ReadCoreAsync(inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                message.Dispose();
            }

            base.Dispose(disposing);
        }

        private static int ReadCore(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (IOException ex)
            {
                throw new LogIngestException(ErrorCodes.LakeIo, "Reading a lake file from Blob storage broke off: " + ex.Message, ex);
            }
        }

        private static async ValueTask<int> ReadCoreAsync(ValueTask<int> read)
        {
            try
            {
                return await read.ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new LogIngestException(ErrorCodes.LakeIo, "Reading a lake file from Blob storage broke off: " + ex.Message, ex);
            }
        }
    }
}
