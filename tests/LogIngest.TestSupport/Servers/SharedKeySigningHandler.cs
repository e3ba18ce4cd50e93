using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace LogIngest.TestSupport.Servers;

/// <summary>
/// Test-only HTTP handler that signs Blob service requests with Shared Key (the scheme Azurite's
/// development account uses), so tests can look at Azurite over raw REST without the product's store.
/// String-to-sign per the Storage "Authorize with Shared Key" reference (service version 2009-09-19+).
/// </summary>
public sealed class SharedKeySigningHandler : DelegatingHandler
{
    /// <summary>The x-ms-version sent when a request has none.</summary>
    public const string ServiceVersion = "2023-11-03";

    private readonly string _accountName;
    private readonly byte[] _key;

    /// <summary>Creates a signer for one account.</summary>
    public SharedKeySigningHandler(string accountName, string accountKey, HttpMessageHandler? inner = null)
        : base(inner ?? new HttpClientHandler())
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        _accountName = accountName;
        _key = Convert.FromBase64String(accountKey);
    }

    /// <summary>A client for an <see cref="AzuriteFixture"/>, with <c>BaseAddress</c> = its blob endpoint plus '/'.</summary>
    public static HttpClient CreateClient(AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new HttpClient(new SharedKeySigningHandler(azurite.AccountName, azurite.AccountKey))
        {
            BaseAddress = new Uri(azurite.BlobEndpoint + "/"),
        };
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove("x-ms-date");
        request.Headers.Add("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        if (!request.Headers.Contains("x-ms-version"))
        {
            request.Headers.Add("x-ms-version", ServiceVersion);
        }

        using var hmac = new HMACSHA256(_key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(StringToSign(request))));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", _accountName + ":" + signature);
        return base.SendAsync(request, cancellationToken);
    }

    private string StringToSign(HttpRequestMessage request)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength is > 0 ? content.ContentLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Join(content?.ContentEncoding)).Append('\n')
            .Append(Join(content?.ContentLanguage)).Append('\n')
            .Append(length).Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : string.Empty).Append('\n')
            .Append(content?.ContentType?.ToString() ?? string.Empty).Append('\n')
            .Append('\n') // Date: x-ms-date is used instead
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        var msHeaders = request.Headers
            .Concat(content ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(v => v.Trim()))))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        builder.Append('/').Append(_accountName).Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(parts => Uri.UnescapeDataString(parts[0]).ToLowerInvariant(), parts => parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var parameter in query)
        {
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', parameter.Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    private static string Join(IEnumerable<string>? values) => values is null ? string.Empty : string.Join(',', values);

    private static string Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : string.Empty;
}
