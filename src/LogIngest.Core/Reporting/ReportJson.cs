using System.Text.Json;
using System.Text.Json.Serialization;

namespace LogIngest.Core.Reporting;

/// <summary>The JSON shape of the report models (<c>logingest report --json</c>): snake_case names, ISO 8601 times, nulls left out.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options);
}
