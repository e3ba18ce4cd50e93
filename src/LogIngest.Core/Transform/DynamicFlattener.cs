using System.Text;
using System.Text.Json;

namespace LogIngest.Core.Transform;

/// <summary>
/// Reads the top-level entries of one <c>dynamic</c> value, the keys its <c>Col_key</c> columns come from:
/// the properties of a JSON object, or the entries of a <c>[{"Name": ..., "Value": ...}, ...]</c> list (the
/// shape Microsoft 365 tables use for <c>ExtendedProperties</c>). Any other value (a scalar, another
/// kind of array, text that is not JSON) has no entries and is kept only in its original column.
/// A string value becomes its unescaped text; a number, <c>true</c> or <c>false</c> its JSON text; a nested
/// object or array its JSON text as received; JSON <c>null</c> a null. When a key repeats, the last wins
/// (as JSON parsers do).
/// </summary>
public static class DynamicFlattener
{
    private static readonly byte[] NameProperty = "Name"u8.ToArray();
    private static readonly byte[] ValueProperty = "Value"u8.ToArray();

    /// <summary>Adds the value's entries to <paramref name="entries"/> (cleared first); false when it has none.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, List<FlatEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        entries.Clear();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
            if (!reader.Read())
            {
                return false;
            }

            var ok = reader.TokenType switch
            {
                JsonTokenType.StartObject => ReadObject(ref reader, json, entries),
                JsonTokenType.StartArray => ReadNameValueList(ref reader, json, entries),
                _ => false,
            };

            // Trailing content means the text was not one JSON value.
            if (!ok || reader.Read())
            {
                entries.Clear();
                return false;
            }

            return entries.Count > 0;
        }
        catch (JsonException)
        {
            entries.Clear();
            return false;
        }
    }

    private static bool ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<FlatEntry> entries)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var key = reader.GetString()!;
            reader.Read();
            entries.Add(new FlatEntry(key, ReadValue(ref reader, json)));
        }

        return false;
    }

    private static bool ReadNameValueList(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<FlatEntry> entries)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? name = null;
            string? value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isName = reader.ValueTextEquals(NameProperty);
                var isValue = !isName && reader.ValueTextEquals(ValueProperty);
                reader.Read();
                if (isName)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    name = reader.GetString();
                }
                else if (isValue)
                {
                    value = ReadValue(ref reader, json);
                }
                else
                {
                    // Other properties of a name/value entry are not keys of their own.
                    reader.Skip();
                }
            }

            if (name is null)
            {
                return false;
            }

            entries.Add(new FlatEntry(name, value));
        }

        return false;
    }

    private static string? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            default:
                // Numbers, true, false: their JSON text as written.
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}

/// <summary>One top-level entry of a dynamic value: its key and its value as text (null for JSON null).</summary>
public readonly record struct FlatEntry(string Key, string? Value);
