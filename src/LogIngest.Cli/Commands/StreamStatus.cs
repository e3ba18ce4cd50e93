using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Reporting;
using LogIngest.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Cli.Commands;

/// <summary>The streams part of <c>logingest status</c>: each landed partition's watermark and lag.</summary>
internal static class StreamStatus
{
    /// <summary>The watermarks of every hub with bronze files in the lake, by hub then partition.</summary>
    public static Task<IReadOnlyList<StreamWatermark>> ReadAsync(IServiceProvider services) =>
        services.GetRequiredService<RunReports>().StreamsAsync();

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
}
