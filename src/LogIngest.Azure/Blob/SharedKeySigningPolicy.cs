using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LogIngest.Azure.Blob;

/// <summary>
/// Signs each try of a request with the storage account key (the Blob service's SharedKey scheme:
/// HMAC-SHA256 over the verb, standard headers, canonical x-ms-* headers and canonical resource).
/// </summary>
internal sealed class SharedKeySigningPolicy : HttpPipelineSynchronousPolicy
{
    private static readonly string[] SignedHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    private readonly string _accountName;
    private readonly byte[] _key;

    public SharedKeySigningPolicy(string accountName, string accountKey)
    {
        _accountName = accountName;
        _key = Convert.FromBase64String(accountKey);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var text = new StringBuilder();
        text.Append(request.Method.Method).Append('\n');
        foreach (var header in SignedHeaders)
        {
            string? value = null;
            if (header == "Content-Length")
            {
                // Since 2015-02-21 a zero length signs as the empty string.
                long length = 0;
                if (request.Content?.TryComputeLength(out length) == true && length > 0)
                {
                    value = length.ToString(CultureInfo.InvariantCulture);
                }
            }
            else
            {
                request.Headers.TryGetValue(header, out value);
            }

            text.Append(value).Append('\n');
        }

        foreach (var header in request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            text.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        var uri = request.Uri.ToUri();
        text.Append('/').Append(_accountName).Append(uri.AbsolutePath);
        foreach (var parameter in ParseQuery(uri.Query).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', parameter.Value.Order(StringComparer.Ordinal)));
        }

        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text.ToString())));
        request.Headers.SetValue("Authorization", $"SharedKey {_accountName}:{signature}");
    }

    private static Dictionary<string, List<string>> ParseQuery(string query)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }
}
