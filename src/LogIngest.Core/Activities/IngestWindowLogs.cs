using LogIngest.Core.Model;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Activities;

/// <summary>Log messages of <see cref="IngestWindowActivity"/> (<see cref="Observability.LogEventIds"/> 7xxx).</summary>
internal static partial class IngestWindowLogs
{
    [LoggerMessage(Observability.LogEventIds.WindowIngested, LogLevel.Information, "Ingested {Table} {Window} {Split}: {Rows} rows in {Files} files ({Bytes} bytes), source count {SourceCount}, {Orphans} orphans removed")]
    public static partial void Ingested(ILogger logger, string table, Interval window, string split, long rows, int files, long bytes, long sourceCount, int orphans);

    [LoggerMessage(Observability.LogEventIds.WindowSplitRequired, LogLevel.Warning, "Window {Table} {Window} {Split} must be split, nothing was written: {Reason}")]
    public static partial void SplitRequired(ILogger logger, string table, Interval window, string split, string reason);

    [LoggerMessage(Observability.LogEventIds.OrphanRemoved, LogLevel.Information, "Removed orphan file {Path} overlapping {Table} {Window}")]
    public static partial void OrphanRemoved(ILogger logger, string path, string table, Interval window);

    [LoggerMessage(Observability.LogEventIds.SourceCountMoved, LogLevel.Warning, "Source count of {Table} {Window} {Split} changed while it was read ({Before} then {After}); {Rows} rows written")]
    public static partial void CountMoved(ILogger logger, string table, Interval window, string split, long before, long after, long rows);
}
