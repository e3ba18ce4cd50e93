using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LogIngest.Core.Model;

namespace LogIngest.Core.State;

/// <summary>
/// The JSON shape of state documents, shared by every state store: camelCase, enums as strings
/// (run status upper-case), intervals as <c>{ "start": "2025-01-01T00:00:00.0000000Z", "end": ... }</c>
/// — strings with all seven fractional digits, because document stores such as Cosmos DB keep numbers
/// as doubles, which cannot hold 100 ns ticks (~6e17) exactly. Lenient on read so a newer writer's
/// extra fields do not break an older reader.
/// </summary>
public static class StateJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter<RunStatus>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new IntervalJsonConverter());
        options.Converters.Add(new KeySplitJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class IntervalJsonConverter : JsonConverter<Interval>
    {
        public override Interval Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (start, end) = ReadPair(ref reader, "start", "end");
            return new Interval(start, end);
        }

        public override void Write(Utf8JsonWriter writer, Interval value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("start", Interval.FormatTicks(value.Start));
            writer.WriteString("end", Interval.FormatTicks(value.End));
            writer.WriteEndObject();
        }
    }

    private sealed class KeySplitJsonConverter : JsonConverter<KeySplit>
    {
        public override KeySplit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var (modulus, remainder) = ReadPair(ref reader, "modulus", "remainder");
            return new KeySplit(checked((int)modulus), checked((int)remainder));
        }

        public override void Write(Utf8JsonWriter writer, KeySplit value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("modulus", value.Modulus);
            writer.WriteNumber("remainder", value.Remainder);
            writer.WriteEndObject();
        }
    }

    // Intervals are written as exact UTC timestamps; plain numbers (ticks, or split figures) are read too.
    private static long ReadTicksOrNumber(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? DateTime.ParseExact(reader.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks
            : reader.GetInt64();

    private static (long First, long Second) ReadPair(ref Utf8JsonReader reader, string firstName, string secondName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object with '{firstName}' and '{secondName}'.");
        }

        long? first = null, second = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == firstName)
            {
                first = ReadTicksOrNumber(ref reader);
            }
            else if (name == secondName)
            {
                second = ReadTicksOrNumber(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return (first ?? throw new JsonException($"'{firstName}' is missing."), second ?? throw new JsonException($"'{secondName}' is missing."));
    }
}
