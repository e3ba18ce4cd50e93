using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Streaming;

/// <summary>Log messages of <see cref="StreamBatchProcessor"/> (<see cref="Observability.LogEventIds"/> 8xxx).</summary>
internal static partial class StreamLogs
{
    [LoggerMessage(Observability.LogEventIds.StreamBatchLanded, LogLevel.Information, "Landed {Hub}/{Partition} {First}-{Last}: {Landed} events, {Quarantined} quarantined, {Skipped} already landed, {Files} files")]
    public static partial void Landed(ILogger logger, string hub, string partition, long first, long last, int landed, int quarantined, int skipped, int files);

    [LoggerMessage(Observability.LogEventIds.StreamEventsQuarantined, LogLevel.Warning, "Quarantined {Count} events of {Hub}/{Partition} in {Path}")]
    public static partial void Quarantined(ILogger logger, int count, string hub, string partition, string path);

    [LoggerMessage(Observability.LogEventIds.StreamLag, LogLevel.Information, "Stream {Hub}/{Partition} landed to sequence {Sequence}, {LagSeconds} s behind its enqueue")]
    public static partial void Lag(ILogger logger, string hub, string partition, long sequence, double lagSeconds);

    [LoggerMessage(Observability.LogEventIds.StreamSchemaLoaded, LogLevel.Information, "Stream schema of {Hub}: {Fields} typed columns")]
    public static partial void SchemaLoaded(ILogger logger, string hub, int fields);
}
