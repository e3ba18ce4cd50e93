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

    /// <summary>The value as it arrives on the other side of a Durable boundary, as <paramref name="type"/>.</summary>
    public static object? RoundTrip(object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return value is null ? null : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options), type, Options);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
