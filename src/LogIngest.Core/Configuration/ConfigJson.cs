using System.Text.Json;
using System.Text.Json.Serialization;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Configuration;

/// <summary>
/// Reads and writes the config JSON (docs/architecture.md, "A config"): camelCase names, TimeSpans as
/// <c>hh:mm:ss</c>, mode <c>backfill</c>/<c>incremental</c>. Unknown fields are errors, so a typo
/// never silently falls back to a default.
/// </summary>
public static class ConfigJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses and validates; throws <see cref="LogIngestException"/> C301 naming the field of every problem.</summary>
    public static LoadConfig Parse(string json)
    {
        var config = Deserialize(json);
        ConfigValidator.ThrowIfInvalid(config);
        return config;
    }

    /// <summary>Parses without validating (for callers that collect problems themselves); C301 when the JSON does not fit.</summary>
    public static LoadConfig Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<LoadConfig>(json, Options)
                ?? throw new LogIngestException(ErrorCodes.ConfigInvalid, "Config JSON is 'null': give a config object.");
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" at {ex.Path}";
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"Config JSON is invalid{where}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads, parses and validates a config file.</summary>
    public static async Task<LoadConfig> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"Cannot read config file '{path}': {ex.Message}", ex);
        }

        return Parse(json);
    }

    public static string Serialize(LoadConfig config) => JsonSerializer.Serialize(config, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            IgnoreReadOnlyProperties = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
