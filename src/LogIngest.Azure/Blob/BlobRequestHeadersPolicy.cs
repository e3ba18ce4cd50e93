using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LogIngest.Azure.Blob;

/// <summary>Stamps every try with the API version and a fresh request date (signatures cover the date).</summary>
internal sealed class BlobRequestHeadersPolicy(string serviceVersion) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
    }
}
