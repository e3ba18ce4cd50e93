using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Cli.Commands;

/// <summary>The streams part of <c>logingest status</c>: each landed partition's watermark and lag.</summary>
internal static class StreamStatus
{
    /// <summary>The watermarks of every hub with bronze files in the lake, by hub then partition.</summary>
    public static async Task<IReadOnlyList<StreamWatermark>> ReadAsync(IServiceProvider services)
    {
        var inventory = await StreamInventory.ReadAsync(services.GetRequiredService<ILakeStore>());
        var watermarks = services.GetRequiredService<IStreamWatermarkStore>();
        var list = new List<StreamWatermark>();
        foreach (var hub in inventory.Hubs)
        {
            list.AddRange(await watermarks.ListStreamWatermarksAsync(hub));
        }

        return list;
    }

    public static JsonArray Json(IReadOnlyList<StreamWatermark> marks) => new([.. marks.Select(w => (JsonNode)new JsonObject
    {
        ["hub"] = w.Hub,
        ["partition"] = w.PartitionId,
        ["sequence_number"] = w.SequenceNumber,
        ["offset"] = w.Offset,
        ["enqueued_at"] = w.EnqueuedAt.ToString("O", CultureInfo.InvariantCulture),
        ["lag_seconds"] = Math.Round(w.Lag.TotalSeconds, 3),
        ["updated_at"] = w.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    })]);

    public static void Write(TextWriter output, IReadOnlyList<StreamWatermark> marks)
    {
        if (marks.Count == 0)
        {
            return;
        }

        output.WriteLine("streams");
        foreach (var w in marks)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {w.Hub,-24} partition {w.PartitionId,-4} sequence {w.SequenceNumber,-12} enqueued {w.EnqueuedAt:yyyy-MM-dd HH:mm:ss}  lag {w.Lag:c}  landed {w.UpdatedAt:yyyy-MM-dd HH:mm:ss}"));
        }
    }
}
