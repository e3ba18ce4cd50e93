using System.Globalization;
using System.Text;
using System.Text.Json;
using LogIngest.Core.Streaming;

namespace LogIngest.Functions;

/// <summary>
/// One batch of the Event Hub trigger as the processor takes it: the bodies paired with the binding's
/// metadata arrays (<c>PartitionContext</c>, <c>SequenceNumberArray</c>, <c>OffsetArray</c>,
/// <c>EnqueuedTimeUtcArray</c>, <c>PropertiesArray</c>). The worker hands each as JSON text (or an
/// element); a missing or short array is an error here, never a guess.
/// </summary>
public sealed record EventHubBatch(string Hub, string PartitionId, IReadOnlyList<StreamEvent> Events)
{
    public static EventHubBatch Read(string[] bodies, IReadOnlyDictionary<string, object?> bindingData, string configuredHub)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        ArgumentNullException.ThrowIfNull(bindingData);
        var partition = Element(bindingData, "PartitionContext");
        var partitionId = partition.TryGetProperty(nameof(PartitionId), out var id) ? id.GetString() : null;
        if (string.IsNullOrEmpty(partitionId))
        {
            throw new InvalidOperationException("The trigger's PartitionContext carries no PartitionId.");
        }

        var hub = partition.TryGetProperty("EventHubName", out var name) && name.GetString() is { Length: > 0 } h ? h : configuredHub;
        var sequences = Array(bindingData, "SequenceNumberArray", bodies.Length);
        var offsets = Array(bindingData, "OffsetArray", bodies.Length);
        var enqueued = Array(bindingData, "EnqueuedTimeUtcArray", bodies.Length);
        var properties = bindingData.ContainsKey("PropertiesArray") ? Array(bindingData, "PropertiesArray", bodies.Length) : null;
        var events = new StreamEvent[bodies.Length];
        for (var i = 0; i < bodies.Length; i++)
        {
            events[i] = new StreamEvent(
                Encoding.UTF8.GetBytes(bodies[i] ?? string.Empty),
                sequences[i].GetInt64(),
                offsets[i].ValueKind == JsonValueKind.Number ? offsets[i].GetRawText() : offsets[i].GetString(),
                DateTimeOffset.Parse(enqueued[i].GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                properties?[i] is { ValueKind: JsonValueKind.Object } p ? p.EnumerateObject().ToDictionary(e => e.Name, e => (object?)e.Value.Clone(), StringComparer.Ordinal) : null);
        }

        return new EventHubBatch(hub, partitionId, events);
    }

    private static JsonElement Element(IReadOnlyDictionary<string, object?> bindingData, string key) =>
        bindingData.TryGetValue(key, out var value) ? value switch
        {
            JsonElement element => element,
            string json => JsonDocument.Parse(json).RootElement.Clone(),
            null => throw new InvalidOperationException($"The trigger's {key} is null."),
            _ => JsonSerializer.SerializeToElement(value, value.GetType()),
        }
        : throw new InvalidOperationException($"The trigger's binding data has no {key}; is the trigger batched (IsBatched = true)?");

    private static JsonElement[] Array(IReadOnlyDictionary<string, object?> bindingData, string key, int count)
    {
        var element = Element(bindingData, key);
        var items = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToArray() : [];
        return items.Length == count
            ? items
            : throw new InvalidOperationException($"The trigger's {key} has {items.Length} entries for {count} events.");
    }
}
