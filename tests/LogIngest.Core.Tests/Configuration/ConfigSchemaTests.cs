using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Json.Schema;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Tests.Configuration;

/// <summary>The shipped schema (schemas/load-config.schema.json) against the model the reader uses, and the shipped sample against both.</summary>
public class ConfigSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(ConfigFiles.Schema).RootElement.Clone();

    [Fact]
    public void Schema_EveryFieldTheModelReads_IsDescribedWithItsTypeAndNullability()
    {
        var problems = new List<string>();

        CompareObject(ConfigJson.Options.GetTypeInfo(typeof(LoadConfig)), Schema, "config", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Schema_EveryPropertyItDescribes_IsReadByTheModel()
    {
        var problems = new List<string>();

        CompareBack(ConfigJson.Options.GetTypeInfo(typeof(LoadConfig)), Schema, "config", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Example_AgainstTheSchema_IsValid()
    {
        var results = JsonSchema.FromText(ConfigFiles.Schema).Evaluate(
            JsonDocument.Parse(ConfigFiles.Example).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        Assert.True(results.IsValid, string.Join(Environment.NewLine, (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))));
    }

    [Fact]
    public void Example_ThroughTheConfigReader_IsValidAndGivesEveryTopLevelField()
    {
        var config = ConfigJson.Parse(ConfigFiles.Example);
        using var example = JsonDocument.Parse(ConfigFiles.Example);

        Assert.Equal("OfficeActivity", config.Table);
        Assert.Equal(SourceKinds.Simulated, config.Source.Kind);
        var given = example.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var described = Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(described, given);
    }

    [Theory]
    [InlineData("""{ "id": "a", "table": "T", "mode": "weekly" }""")]
    [InlineData("""{ "id": "a", "table": "T", "parallelism": "4" }""")]
    [InlineData("""{ "id": "a", "table": "T", "limits": { "maxrows": 5 } }""")]
    [InlineData("""{ "id": "a", "table": "T", "settledelay": "00:10:00" }""")]
    [InlineData("""{ "id": "a", "table": "T", "mode": "incremental", "lake": { "prefix": "../up" } }""")]
    [InlineData("""{ "table": "T", "mode": "incremental" }""")]
    public void SchemaAndReader_ConfigThatDoesNotFit_BothRefuseIt(string json)
    {
        var results = JsonSchema.FromText(ConfigFiles.Schema).Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { RequireFormatValidation = true });

        Assert.False(results.IsValid);
        Assert.Equal(ErrorCodes.ConfigInvalid, Assert.Throws<LogIngestException>(() => ConfigJson.Parse(json)).Code);
    }

    private static void CompareObject(JsonTypeInfo info, JsonElement schema, string path, List<string> problems)
    {
        if (Type(schema) != "object" || !schema.TryGetProperty("additionalProperties", out var extra) || extra.ValueKind != JsonValueKind.False)
        {
            problems.Add($"{path}: the schema should describe a closed object (type object, additionalProperties false), as the reader refuses unknown keys.");
        }

        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : [];
        var properties = schema.GetProperty("properties");
        foreach (var field in ConfigShape.Fields(info))
        {
            var name = path + "." + field.Name;
            if (!properties.TryGetProperty(field.Name, out var property))
            {
                problems.Add($"{name}: read by the model, missing from the schema.");
                continue;
            }

            if (field.IsRequired != required.Contains(field.Name))
            {
                problems.Add($"{name}: required is {field.IsRequired} in the model, {required.Contains(field.Name)} in the schema.");
            }

            if (field.IsSetNullable != Nullable(property))
            {
                problems.Add($"{name}: takes null is {field.IsSetNullable} in the model, {Nullable(property)} in the schema.");
            }

            CompareValue(Types(field.PropertyType), property, name, problems);
        }
    }

    private static void CompareValue(Type type, JsonElement property, string name, List<string> problems)
    {
        var info = ConfigJson.Options.GetTypeInfo(type);
        string? Expect(string schemaType, string? format = null, bool pattern = false)
        {
            if (Type(property) != schemaType)
            {
                return $"{name}: the model reads {type.Name}, so the schema type should be {schemaType}, not {Type(property)}.";
            }

            if (format is not null && (!property.TryGetProperty("format", out var f) || f.GetString() != format))
            {
                return $"{name}: the schema should say format {format}.";
            }

            return pattern && !property.TryGetProperty("pattern", out _) ? $"{name}: the schema should give the pattern of a {type.Name}." : null;
        }

        var problem = type switch
        {
            _ when type == typeof(string) => Expect("string"),
            _ when type == typeof(bool) => Expect("boolean"),
            _ when type == typeof(int) || type == typeof(long) => Expect("integer"),
            _ when type == typeof(DateTimeOffset) => Expect("string", format: "date-time"),
            _ when type == typeof(TimeSpan) => Expect("string", pattern: true),
            _ when type.IsEnum => Expect("string") ?? (property.TryGetProperty("enum", out var values)
                && values.EnumerateArray().Select(v => v.GetString()).SequenceEqual(ConfigShape.EnumNames(type, ConfigJson.Options))
                    ? null : $"{name}: the schema's enum should be {string.Join(", ", ConfigShape.EnumNames(type, ConfigJson.Options))}."),
            _ when info.Kind == JsonTypeInfoKind.Enumerable => Expect("array") ?? (property.TryGetProperty("items", out var items) && Type(items) == "string"
                ? null : $"{name}: the schema's items should be strings."),
            _ when info.Kind == JsonTypeInfoKind.Object => null,
            _ => $"{name}: the test does not know {type.Name}.",
        };
        if (problem is not null)
        {
            problems.Add(problem);
        }
        else if (info.Kind == JsonTypeInfoKind.Object)
        {
            CompareObject(info, property, name, problems);
        }
    }

    private static void CompareBack(JsonTypeInfo info, JsonElement schema, string path, List<string> problems)
    {
        var fields = ConfigShape.Fields(info).ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            if (!fields.TryGetValue(property.Name, out var field))
            {
                problems.Add($"{path}.{property.Name}: described by the schema, never read by the model.");
            }
            else if (Type(property.Value) == "object")
            {
                CompareBack(ConfigJson.Options.GetTypeInfo(Types(field.PropertyType)), property.Value, path + "." + property.Name, problems);
            }
        }
    }

    private static Type Types(Type type) => System.Nullable.GetUnderlyingType(type) ?? type;

    // The schema's type without "null": "string" for ["string", "null"].
    private static string? Type(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? null
        : type.ValueKind == JsonValueKind.String ? type.GetString()
        : type.EnumerateArray().Select(t => t.GetString()).SingleOrDefault(t => t != "null");

    private static bool Nullable(JsonElement property) =>
        property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null");
}
