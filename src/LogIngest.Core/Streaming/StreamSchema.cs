using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Streaming;

/// <summary>
/// A hub's optional typed columns, kept in the lake beside its data at <c>stream/{hub}/_schema.json</c>
/// (<see cref="StreamFileName.Schema"/>) so every host lands the hub the same way:
/// <code>{ "fields": [ { "path": "$.user.id", "column": "user_id", "type": "string", "required": true } ] }</code>
/// Events keep every field in <c>raw_json</c> whatever the schema says; a field the schema does not
/// name fails nothing.
/// </summary>
public sealed partial class StreamSchema
{
    public const int MaxFields = 256;

    public StreamSchema(IReadOnlyList<StreamField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = Validate(fields);
        if (problems.Count > 0)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, "The stream schema is invalid: " + string.Join("; ", problems));
        }

        Fields = fields;
    }

    public IReadOnlyList<StreamField> Fields { get; }

    /// <summary>Reads the schema's JSON; C301 naming each bad field and its fix.</summary>
    public static StreamSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, $"The stream schema is not JSON ({e.Message}); write {{ \"fields\": [ {{ \"path\": \"$.a\", \"column\": \"a\", \"type\": \"string\" }} ] }}.");
        }

        if (root is not JsonObject obj || obj["fields"] is not JsonArray array)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, "The stream schema needs a \"fields\" array: { \"fields\": [ { \"path\": \"$.a\", \"column\": \"a\", \"type\": \"string\" } ] }.");
        }

        var fields = new List<StreamField>();
        var problems = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject field)
            {
                problems.Add($"fields[{i}] must be an object with path, column, type and optional required");
                continue;
            }

            var path = Text(field, "path");
            var column = Text(field, "column");
            var typeText = Text(field, "type");
            StreamFieldType type = default;
            if (typeText is null || !TryParseType(typeText, out type))
            {
                problems.Add($"fields[{i}].type '{typeText}' is not a type; use string, long, double, boolean, timestamp or json");
            }

            var required = false;
            if (field["required"] is { } flag)
            {
                if (flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    required = flag.GetValue<bool>();
                }
                else
                {
                    problems.Add($"fields[{i}].required must be true or false");
                }
            }

            fields.Add(new StreamField(path ?? string.Empty, column ?? string.Empty, type, required));
        }

        if (problems.Count > 0)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, "The stream schema is invalid: " + string.Join("; ", problems));
        }

        return new StreamSchema(fields);
    }

    public string ToJson() => new JsonObject
    {
        ["fields"] = new JsonArray([.. Fields.Select(f => (JsonNode)new JsonObject
        {
            ["path"] = f.Path,
            ["column"] = f.Column,
            ["type"] = f.Type.ToString().ToLowerInvariant(),
            ["required"] = f.Required,
        })]),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static List<string> Validate(IReadOnlyList<StreamField> fields)
    {
        var problems = new List<string>();
        if (fields.Count > MaxFields)
        {
            problems.Add($"fields has {fields.Count} entries; at most {MaxFields}");
        }

        var columns = new HashSet<string>(StreamColumns.Fixed, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (f is null)
            {
                problems.Add($"fields[{i}] is null");
                continue;
            }

            if (string.IsNullOrEmpty(f.Path) || !PathPattern().IsMatch(f.Path))
            {
                problems.Add($"fields[{i}].path '{f.Path}' is not a path of object members; write it like $.user.id");
            }

            if (string.IsNullOrEmpty(f.Column) || !ColumnPattern().IsMatch(f.Column))
            {
                problems.Add($"fields[{i}].column '{f.Column}' must be a letter or '_' then letters, digits or '_' (at most 128)");
            }
            else if (!columns.Add(f.Column))
            {
                problems.Add($"fields[{i}].column '{f.Column}' is taken (by another field or a fixed column: {string.Join(", ", StreamColumns.Fixed)}); choose another name");
            }

            if (!Enum.IsDefined(f.Type))
            {
                problems.Add($"fields[{i}].type is not a StreamFieldType");
            }
        }

        return problems;
    }

    private static string? Text(JsonObject field, string name) =>
        field[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool TryParseType(string text, out StreamFieldType type) =>
        Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(text, out _);

    [GeneratedRegex(@"^\$(\.[^.\s\[\]]+)+$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex ColumnPattern();
}
