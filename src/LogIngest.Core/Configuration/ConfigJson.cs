using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Configuration;

/// <summary>
/// Reads and writes the config JSON (docs/architecture.md, "A config"): camelCase names, TimeSpans as
/// <c>hh:mm:ss</c>, mode <c>backfill</c>/<c>incremental</c>. Unknown fields are errors (naming the
/// nearest known field), so a typo never silently falls back to a default; <see cref="ConfigShape"/>
/// checks the shape and <see cref="ConfigValidator"/> the content, in one pass.
/// </summary>
public static class ConfigJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The largest config read (1 MiB). Real configs are a few hundred bytes; the cap keeps a huge
    /// file or HTTP body from being buffered and parsed at all.
    /// </summary>
    public const int MaxBytes = 1 << 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// The one way a config enters (the CLI's file, the HTTP body): reads UTF-8 JSON and checks its shape
    /// and content in one pass; throws <see cref="LogIngestException"/> C301 listing every problem, each
    /// naming its field and the fix.
    /// </summary>
    public static LoadConfig Parse(ReadOnlySpan<byte> utf8)
    {
        var reading = Read(utf8);
        return reading.Config ?? throw new LogIngestException(ErrorCodes.ConfigInvalid, ConfigValidator.Describe(reading.ConfigId, reading.Problems));
    }

    /// <summary><see cref="Parse(ReadOnlySpan{byte})"/> over text already decoded.</summary>
    public static LoadConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads and checks without throwing: the config when it is valid, otherwise every problem.</summary>
    public static ConfigReading Read(ReadOnlySpan<byte> utf8)
    {
        var problems = new List<ConfigProblem>();
        if (utf8.Length > MaxBytes)
        {
            problems.Add(TooLarge(utf8.Length));
            return new ConfigReading(null, problems, null);
        }

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..]; // a UTF-8 byte order mark, as some editors write
        }

        try
        {
            StrictUtf8.GetCharCount(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = ex.BytesUnknown is { Length: > 0 } bytes ? string.Join(' ', bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) : "?";
            problems.Add(new ConfigProblem("config", string.Create(CultureInfo.InvariantCulture, $"is not UTF-8 text (byte 0x{bad} at offset {ex.Index}): save it as UTF-8.")));
            return new ConfigReading(null, problems, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            problems.Add(new ConfigProblem("config", string.Create(CultureInfo.InvariantCulture,
                $"is not valid JSON at line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: {Reason(ex)}")));
            return new ConfigReading(null, problems, null);
        }

        using (document)
        {
            var root = document.RootElement;
            var configId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            var clean = ConfigShape.Check(root, Options, problems);
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ConfigReading(null, problems, null);
            }

            // Required fields the shape refused stand in as empty text, so the content rules still run over the rest.
            foreach (var required in ConfigShape.Fields(Options.GetTypeInfo(typeof(LoadConfig))).Where(p => p.IsRequired && !clean.ContainsKey(p.Name)))
            {
                clean[required.Name] = string.Empty;
            }

            var shaped = problems.Select(p => p.Field).ToList();
            var config = clean.Deserialize<LoadConfig>(Options)!;
            // With the mode refused, the default mode's demands (from and to for a backfill) would only mislead.
            var modeRefused = shaped.Contains("mode");
            problems.AddRange(ConfigValidator.Validate(config).Where(p => !shaped.Any(f => Covers(f, p.Field))
                && !(modeRefused && p.Field is "from" or "to" && p.Message.StartsWith("is required", StringComparison.Ordinal))));
            return new ConfigReading(problems.Count == 0 ? config : null, problems, configId);
        }
    }

    /// <summary>Reads, parses and validates a config file.</summary>
    public static async Task<LoadConfig> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new LogIngestException(ErrorCodes.ConfigInvalid, ConfigValidator.Describe(null, [TooLarge(length)]));
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"Cannot read config file '{path}': {ex.Message}", ex);
        }

        return Parse(bytes);
    }

    /// <summary>
    /// <see cref="Parse(ReadOnlySpan{byte})"/> over a stream (the HTTP body), reading no more than
    /// <see cref="MaxBytes"/> of it before refusing.
    /// </summary>
    public static async Task<LoadConfig> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var bytes = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (bytes.Length + read > MaxBytes)
            {
                throw new LogIngestException(ErrorCodes.ConfigInvalid, ConfigValidator.Describe(null, [TooLarge(null)]));
            }

            bytes.Write(chunk, 0, read);
        }

        return Parse(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
    }

    // The refusal of a config over MaxBytes (its length when known).
    private static ConfigProblem TooLarge(long? length) => new(
        "config",
        string.Create(CultureInfo.InvariantCulture, $"is {(length is { } n ? $"{n:N0} bytes" : $"over {MaxBytes:N0} bytes")}; a config is at most {MaxBytes:N0} bytes (1 MiB): send the config alone, without data or padding."));

    public static string Serialize(LoadConfig config) => JsonSerializer.Serialize(config, Options);

    // A content problem of a field (or inside it) whose shape was already refused says nothing new.
    private static bool Covers(string shapedField, string field) =>
        field == shapedField || field.StartsWith(shapedField + ".", StringComparison.Ordinal) || field.StartsWith(shapedField + "[", StringComparison.Ordinal)
        || shapedField == "config";

    // The reader's own reason without its position suffix (said already, in lines and columns from 1).
    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

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

            // Config files are read by people: 'quotes' and non-ASCII stay as written, not \u0027.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // Times are written in UTC with Z, as the documentation and `config example` show them.
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
