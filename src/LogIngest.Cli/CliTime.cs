using System.Globalization;

namespace LogIngest.Cli;

/// <summary>Parses the instants users type: <c>YYYY-MM-DD</c> (midnight UTC) or ISO-8601 with <c>Z</c> or an offset.</summary>
public static class CliTime
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    public static DateTimeOffset Parse(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputException($"{option} is required: give a date (YYYY-MM-DD) or an ISO-8601 UTC time (e.g. 2025-01-01T00:00:00Z).");
        }

        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return new DateTimeOffset(date, TimeSpan.Zero);
        }

        // An instant needs its zone: 'Z' or an explicit offset, never the machine's local time.
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant) && text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            return instant.ToUniversalTime();
        }

        throw new InputException($"{option} '{text}' is not a date or UTC time: use YYYY-MM-DD or ISO-8601 with a zone, e.g. 2025-01-01 or 2025-01-01T06:00:00Z.");
    }
}
