using System.Text.Json;
using System.Text.Json.Serialization;

namespace LogIngest.Core.Workflows;

/// <summary>
/// The JSON shape of workflow and activity inputs and outputs. Durable serializes every message;
/// the in-process host round-trips them through the same options so a message that would not
/// survive Durable fails here first.
/// </summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static T? RoundTrip<T>(object? value) =>
        value is null ? default : JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
