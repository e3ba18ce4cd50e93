using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using LogIngest.Parquet;

namespace LogIngest.Core.Streaming;

/// <summary>
/// Sorts the events of one segment into a bronze batch (valid events with their typed columns) and a
/// quarantine batch (every other event, with its reason and raw bytes). A pure function of the events:
/// the same events give the same rows. Reused from batch to batch (its column buffers are kept), one
/// batch at a time.
/// </summary>
internal sealed class StreamSegmentWriter
{
    private const int FixedBronzeColumns = 6;

    private string _partition = string.Empty;
    private readonly StreamSchema? _schema;
    private readonly int _maxEventBytes;
    private readonly JsonElement[] _values;
    private readonly ArrayBufferWriter<byte> _properties = new(256);

    public StreamSegmentWriter(StreamSchema? schema, int maxEventBytes, int capacity)
    {
        _schema = schema;
        _maxEventBytes = maxEventBytes;
        _values = new JsonElement[schema?.Fields.Count ?? 0];
        Bronze = new ParquetBatch(StreamColumns.Bronze(schema), capacity);
        Quarantine = new ParquetBatch(StreamColumns.Quarantine, 16);
    }

    public ParquetBatch Bronze { get; }

    public ParquetBatch Quarantine { get; }

    /// <summary>The schema this writer's bronze columns were made for.</summary>
    public StreamSchema? Schema => _schema;

    /// <summary>Empties both batches for a segment of <paramref name="partition"/>.</summary>
    public void Clear(string partition)
    {
        _partition = partition;
        Bronze.Clear();
        Quarantine.Clear();
    }

    public void Add(in StreamEvent e)
    {
        var body = e.Body.Span;
        if (body.Length > _maxEventBytes)
        {
            AddQuarantined(e, QuarantineReasons.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{body.Length} bytes, over the limit of {_maxEventBytes}"));
            return;
        }

        if (!Utf8.IsValid(body))
        {
            AddQuarantined(e, QuarantineReasons.InvalidJson, "the body is not UTF-8");
            return;
        }

        if (_schema is null)
        {
            if (CheckJson(e, body))
            {
                AddBronze(e, body);
            }

            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(e.Body);
        }
        catch (JsonException x)
        {
            AddQuarantined(e, QuarantineReasons.InvalidJson, body.IsEmpty ? "the body is empty" : x.Message);
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                AddQuarantined(e, QuarantineReasons.NotObject, $"the body is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
                return;
            }

            for (var i = 0; i < _values.Length; i++)
            {
                var field = _schema.Fields[i];
                if (!TryFind(document.RootElement, field.Segments, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    if (field.Required)
                    {
                        AddQuarantined(e, QuarantineReasons.MissingRequired, $"{field.Path} (column {field.Column}) is required and absent or null");
                        return;
                    }

                    _values[i] = default;
                    continue;
                }

                if (!Fits(value, field.Type))
                {
                    AddQuarantined(e, QuarantineReasons.WrongType, $"{field.Path} (column {field.Column}) must be {field.Type.ToString().ToLowerInvariant()}, found a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
                    return;
                }

                _values[i] = value;
            }

            AddBronze(e, body);
            for (var i = 0; i < _values.Length; i++)
            {
                AppendTyped(FixedBronzeColumns + i, _schema.Fields[i].Type, _values[i]);
            }
        }
    }

    private bool CheckJson(in StreamEvent e, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            AddQuarantined(e, QuarantineReasons.InvalidJson, "the body is empty");
            return false;
        }

        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                AddQuarantined(e, QuarantineReasons.InvalidJson, "the body holds no JSON value");
                return false;
            }

            var first = reader.TokenType;
            reader.Skip();
            while (reader.Read())
            {
                // A second value after the first is a JSON error the reader reports here.
            }

            if (first != JsonTokenType.StartObject)
            {
                AddQuarantined(e, QuarantineReasons.NotObject, "the body is JSON but not an object");
                return false;
            }

            return true;
        }
        catch (JsonException x)
        {
            AddQuarantined(e, QuarantineReasons.InvalidJson, x.Message);
            return false;
        }
    }

    private void AddBronze(in StreamEvent e, ReadOnlySpan<byte> body)
    {
        Bronze.Strings(0).AppendUtf8(body);
        AppendMetadata(Bronze, 1, e);
    }

    private void AddQuarantined(in StreamEvent e, string reason, string detail)
    {
        AppendMetadata(Quarantine, 0, e);
        Quarantine.Strings(5).Append(reason);
        Quarantine.Strings(6).Append(detail);
        var body = e.Body.Span;
        if (Utf8.IsValid(body))
        {
            Quarantine.Strings(7).AppendUtf8(body);
            Quarantine.Strings(8).Append("utf-8");
        }
        else
        {
            Quarantine.Strings(7).Append(Convert.ToBase64String(body));
            Quarantine.Strings(8).Append("base64");
        }
    }

    private void AppendMetadata(ParquetBatch batch, int at, in StreamEvent e)
    {
        batch.Strings(at).Append(_partition);
        batch.Int64s(at + 1).Append(e.SequenceNumber);
        batch.Strings(at + 2).Append(e.Offset);
        batch.Timestamps(at + 3).Append(e.EnqueuedTime);
        if (e.Properties is { Count: > 0 } properties)
        {
            _properties.ResetWrittenCount();
            WriteProperties(properties, _properties);
            batch.Strings(at + 4).AppendUtf8(_properties.WrittenSpan);
        }
        else
        {
            batch.Strings(at + 4).Append((string?)null);
        }
    }

    // Keys in ordinal order, so the same properties always give the same bytes.
    private static void WriteProperties(IReadOnlyDictionary<string, object?> properties, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, value, value.GetType());
            }
        }

        writer.WriteEndObject();
    }

    private void AppendTyped(int column, StreamFieldType type, JsonElement value)
    {
        var missing = value.ValueKind == JsonValueKind.Undefined;
        switch (type)
        {
            case StreamFieldType.String:
                Bronze.Strings(column).Append(missing ? null : value.GetString());
                break;
            case StreamFieldType.Json:
                Bronze.Strings(column).Append(missing ? null : value.GetRawText());
                break;
            case StreamFieldType.Long:
                Bronze.Int64s(column).Append(missing ? null : value.GetInt64());
                break;
            case StreamFieldType.Double:
                Bronze.Doubles(column).Append(missing ? null : value.GetDouble());
                break;
            case StreamFieldType.Boolean:
                Bronze.Booleans(column).Append(missing ? null : value.GetBoolean());
                break;
            case StreamFieldType.Timestamp:
                Bronze.Timestamps(column).Append(missing ? null : ReadInstant(value));
                break;
        }
    }

    private static bool TryFind(JsonElement root, IReadOnlyList<string> segments, out JsonElement value)
    {
        value = root;
        foreach (var segment in segments)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fits(JsonElement value, StreamFieldType type) => type switch
    {
        StreamFieldType.String => value.ValueKind == JsonValueKind.String,
        StreamFieldType.Long => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        StreamFieldType.Double => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d),
        StreamFieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        StreamFieldType.Timestamp => value.ValueKind == JsonValueKind.String && ReadInstant(value) is not null,
        StreamFieldType.Json => true,
        _ => false,
    };

    private static DateTimeOffset? ReadInstant(JsonElement value) =>
        DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
}
