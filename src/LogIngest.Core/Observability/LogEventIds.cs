namespace LogIngest.Core.Observability;

/// <summary>
/// The one plan of log event ids, so a query over the logs can pick an event by number:
/// 1xx run workflow, 2xx range workflow and retries, 3xx query slots, 4xx sources,
/// 6xxx the Functions host, 7xxx the window ingest, 8xxx the stream. Every log line is a <c>[LoggerMessage]</c> with
/// one of these; workflows log only through their replay-safe logger.
/// </summary>
public static class LogEventIds
{
    public const int RunPlanned = 100;
    public const int RunCompleteFailed = 101;
    public const int RunSchemaAligned = 102;
    public const int RunSchemaAlignFailed = 103;

    /// <summary>A run ended: its status, duration, SLA and whether it missed it (alerts: failed run, SLA miss).</summary>
    public const int RunEnded = 104;

    /// <summary>One error a run recorded, with its code and whether it is retryable (alert: non-retryable error).</summary>
    public const int RunErrorRecorded = 105;

    /// <summary>A run in flight is alive (alert: stale heartbeat).</summary>
    public const int RunHeartbeat = 106;

    /// <summary>Run history older than its retention was pruned.</summary>
    public const int RunHistoryPruned = 107;

    public const int ActivityRetry = 201;
    public const int ActivityRetriesExhausted = 202;
    public const int WindowSplit = 203;
    public const int WindowFailed = 204;
    public const int RangeCountMismatch = 205;

    public const int SlotWaitedLong = 301;
    public const int SlotTakenOver = 302;
    public const int SlotRenewFailed = 303;
    public const int SlotLost = 304;
    public const int SlotReleaseFailed = 305;
    public const int SlotStoreUnavailable = 306;

    public const int SourceThrottled = 401;
    public const int SourceFailed = 402;
    public const int SlowQuery = 403;

    public const int DailyLoadStarted = 6001;
    public const int DailyLoadSkipped = 6002;

    public const int WindowIngested = 7001;
    public const int WindowSplitRequired = 7002;
    public const int OrphanRemoved = 7003;
    public const int SourceCountMoved = 7004;

    public const int StreamBatchLanded = 8001;
    public const int StreamEventsQuarantined = 8002;
    public const int StreamSchemaLoaded = 8003;

    /// <summary>A partition's watermark moved: its lag from enqueue to commit (alert: stream lag).</summary>
    public const int StreamLag = 8004;
}
