using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace LogIngest.Core.Configuration;

/// <summary>
/// Checks a config's JSON against the fields the model reads (its <see cref="JsonTypeInfo"/>, so the
/// two cannot drift), before anything is deserialized: every unknown key (with the nearest known one),
/// mistyped value, repeated or missing field is reported at once, in the config's own words and never
/// in .NET type names. Answers the JSON of the well-shaped fields, so the content rules of
/// <see cref="ConfigValidator"/> can still run over them in the same pass.
/// </summary>
internal static partial class ConfigShape
{
    public const string TimeExample = "2025-01-01T00:00:00Z";
    public const string DurationExample = "00:30:00";

    public static JsonObject Check(JsonElement root, JsonSerializerOptions options, List<ConfigProblem> problems)
    {
        var clean = new JsonObject();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ConfigProblem("config", $"is {Describe(root)}: give one JSON object such as {{ \"id\": \"officeactivity\", \"table\": \"OfficeActivity\", ... }} (see: logingest config example)."));
            return clean;
        }

        CheckObject(root, options.GetTypeInfo(typeof(Model.LoadConfig)), string.Empty, clean, options, problems);
        return clean;
    }

    /// <summary>The fields an object of this type reads, by their JSON names.</summary>
    public static IReadOnlyList<JsonPropertyInfo> Fields(JsonTypeInfo info) => [.. info.Properties.Where(p => p.Set is not null)];

    private static void CheckObject(JsonElement element, JsonTypeInfo info, string path, JsonObject clean, JsonSerializerOptions options, List<ConfigProblem> problems)
    {
        var fields = Fields(info).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var field = Join(path, member.Name);
            if (!seen.Add(member.Name))
            {
                problems.Add(new ConfigProblem(field, "is given twice: keep one."));
                clean.Remove(member.Name);
                continue;
            }

            if (!fields.TryGetValue(member.Name, out var property))
            {
                problems.Add(new ConfigProblem(field, UnknownKey(member.Name, path, fields.Values, options)));
                continue;
            }

            if (CheckValue(member.Value, property, field, options, problems) is { } value)
            {
                clean[member.Name] = value.Node;
            }
        }

        foreach (var property in fields.Values.Where(p => p.IsRequired && !seen.Contains(p.Name)))
        {
            problems.Add(new ConfigProblem(Join(path, property.Name), "is missing: every config gives it, as " + Expected(property.PropertyType, options) + "."));
        }
    }

    // The value as the clean JSON keeps it, or null (with a problem) when it does not fit.
    private static Checked? CheckValue(JsonElement value, JsonPropertyInfo property, string field, JsonSerializerOptions options, List<ConfigProblem> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (property.IsSetNullable && !property.IsRequired)
            {
                return new Checked(null);
            }

            problems.Add(new ConfigProblem(field, $"must be {Expected(property.PropertyType, options)}, not null{(property.IsRequired ? string.Empty : " (or leave it out for the default)")}."));
            return null;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var info = options.GetTypeInfo(type);
        var fits = info.Kind switch
        {
            JsonTypeInfoKind.Object when value.ValueKind == JsonValueKind.Object => CheckNested(value, info, field, options, problems),
            JsonTypeInfoKind.Enumerable when value.ValueKind == JsonValueKind.Array => CheckList(value, info, field, problems),
            JsonTypeInfoKind.None => IsScalar(value, type, options),
            _ => (bool?)false,
        };
        if (fits == false)
        {
            problems.Add(new ConfigProblem(field, $"must be {Expected(type, options)}; got {Describe(value)}."));
        }

        return fits == true ? new Checked(JsonNode.Parse(value.GetRawText())) : null;
    }

    // Nested problems are reported by the walk itself (null: problems found, already said).
    private static bool? CheckNested(JsonElement value, JsonTypeInfo info, string field, JsonSerializerOptions options, List<ConfigProblem> problems)
    {
        var before = problems.Count;
        CheckObject(value, info, field, new JsonObject(), options, problems);
        return problems.Count == before ? true : null;
    }

    private static bool? CheckList(JsonElement value, JsonTypeInfo info, string field, List<ConfigProblem> problems)
    {
        if (info.ElementType != typeof(string))
        {
            throw new NotSupportedException($"The config shape knows lists of text only ({field}).");
        }

        var ok = true;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add(new ConfigProblem(string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]"), $"must be a column name in double quotes, such as \"ExtendedProperties\"; got {Describe(item)}."));
                ok = false;
            }

            index++;
        }

        return ok ? true : null;
    }

    private static bool IsScalar(JsonElement value, Type type, JsonSerializerOptions options)
    {
        if (type == typeof(string))
        {
            return value.ValueKind == JsonValueKind.String;
        }

        if (type == typeof(bool))
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False;
        }

        if (type == typeof(int))
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _);
        }

        if (type == typeof(long))
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _);
        }

        if (type == typeof(DateTimeOffset))
        {
            // A time without a zone would be read in the machine's own zone: refuse it rather than guess.
            return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out _) && ZonePattern().IsMatch(value.GetString()!);
        }

        if (type == typeof(TimeSpan))
        {
            return value.ValueKind == JsonValueKind.String
                && TimeSpan.TryParseExact(value.GetString(), "c", CultureInfo.InvariantCulture, out _);
        }

        if (type.IsEnum)
        {
            return value.ValueKind == JsonValueKind.String && EnumNames(type, options).Contains(value.GetString(), StringComparer.Ordinal);
        }

        throw new NotSupportedException($"The config shape does not know the type {type.Name}.");
    }

    /// <summary>What a field of this type takes, said for the person writing the config (a noun phrase).</summary>
    public static string Expected(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "text in double quotes";
        }

        if (type == typeof(bool))
        {
            return "true or false (no quotes)";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number (no quotes)";
        }

        if (type == typeof(DateTimeOffset))
        {
            return $"a UTC time like \"{TimeExample}\" (ISO 8601 with Z or an offset)";
        }

        if (type == typeof(TimeSpan))
        {
            return $"a duration like \"{DurationExample}\" (hh:mm:ss, or d.hh:mm:ss with days)";
        }

        if (type.IsEnum)
        {
            return string.Join(" or ", EnumNames(type, options));
        }

        var info = options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "a list of column names, such as [\"ExtendedProperties\"]",
            JsonTypeInfoKind.Object => $"an object with {string.Join(", ", Fields(info).Select(p => p.Name))}",
            _ => "a value of the documented shape (see: logingest config schema)",
        };
    }

    /// <summary>The names an enum field accepts, as the config writes them.</summary>
    public static IReadOnlyList<string> EnumNames(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        var policy = options.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
        return [.. Enum.GetNames(type).Select(policy.ConvertName)];
    }

    private static string UnknownKey(string key, string path, IReadOnlyCollection<JsonPropertyInfo> fields, JsonSerializerOptions options)
    {
        var where = path.Length == 0 ? "the config" : path;
        var known = fields.Select(p => p.Name).ToList();

        // A nested object's field written one level too high, e.g. "maxRows" beside "limits".
        foreach (var parent in fields)
        {
            var info = options.GetTypeInfo(parent.PropertyType);
            if (info.Kind == JsonTypeInfoKind.Object && Fields(info).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)) is { } inner)
            {
                return $"is not a field of {where}; it belongs inside {Join(path, parent.Name)}: \"{parent.Name}\": {{ \"{inner.Name}\": ... }}.";
            }
        }

        var nearest = known.Select(k => (Key: k, Distance: EditDistance(key.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Key, StringComparer.Ordinal).First();
        return nearest.Distance <= Math.Max(2, nearest.Key.Length / 3)
            ? $"is not a field of {where}; did you mean '{nearest.Key}'?"
            : $"is not a field of {where}; the fields are {string.Join(", ", known)}.";
    }

    // Levenshtein distance over two short keys.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>A JSON value as a person reads it in a message: short, escaped (a look-alike letter shows as \uXXXX).</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Null => "null",
        JsonValueKind.String => Quote(JsonSerializer.Serialize(value.GetString())),
        _ => Quote(value.GetRawText()),
    };

    private static string Quote(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ZonePattern();

    private sealed record Checked(JsonNode? Node);
}
