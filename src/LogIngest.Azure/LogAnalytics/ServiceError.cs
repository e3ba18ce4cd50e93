using System.Text;
using System.Text.Json;

namespace LogIngest.Azure.LogAnalytics;

/// <summary>Reads the service's error object: <c>{code, message, innererror{code, message, innererror...}, details[...]}</c>.</summary>
internal static class ServiceError
{
    /// <summary>Every code on the chain (outermost first) and the most specific message.</summary>
    public static (List<string> Codes, string Message) Read(JsonElement error)
    {
        var codes = new List<string>();
        string? message = null;
        Walk(error, codes, ref message);
        return (codes, message ?? "(no message)");
    }

    public static string Describe(JsonElement error)
    {
        var (codes, message) = Read(error);
        return $"{string.Join("/", codes)}: {message}";
    }

    /// <summary>Parses an error body (<c>{"error": {...}}</c>); null when it is not one.</summary>
    public static (List<string> Codes, string Message)? TryParseBody(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? Read(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Text(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body[..Math.Min(body.Length, 2000)]);

    // Deeper messages are more specific ("Failed to resolve table 'X'" beats "invalid properties").
    private static void Walk(JsonElement error, List<string> codes, ref string? message)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
        {
            codes.Add(code.GetString()!);
        }

        if (error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
        {
            message = text.GetString();
        }

        if (error.TryGetProperty("innererror", out var inner))
        {
            Walk(inner, codes, ref message);
        }

        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                Walk(detail, codes, ref message);
            }
        }
    }
}
