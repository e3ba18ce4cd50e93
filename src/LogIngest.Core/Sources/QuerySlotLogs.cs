using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Sources;

/// <summary>Log messages of the app-wide query slots (event ids 301-399).</summary>
internal static partial class QuerySlotLogs
{
    [LoggerMessage(Observability.LogEventIds.SlotWaitedLong, LogLevel.Warning, "Waited {Waited} for an app-wide query slot (slot {Slot} of {Slots}); every slot was held by queries of this or other instances")]
    public static partial void WaitedLong(ILogger logger, TimeSpan waited, int slot, int slots);

    [LoggerMessage(Observability.LogEventIds.SlotTakenOver, LogLevel.Warning, "Took over query slot {Slot} from {PreviousOwner}, whose lease expired at {ExpiredAt:o} without renewal (a stopped or unreachable host)")]
    public static partial void TookOver(ILogger logger, int slot, string previousOwner, DateTimeOffset expiredAt);

    [LoggerMessage(Observability.LogEventIds.SlotRenewFailed, LogLevel.Warning, "Renewing query slot {Slot} failed ({Error}); the lease holds until {ExpiresAt:o}, retrying")]
    public static partial void RenewalFailed(ILogger logger, int slot, string error, DateTimeOffset expiresAt);

    [LoggerMessage(Observability.LogEventIds.SlotLost, LogLevel.Error, "Lost query slot {Slot}: {Reason}; its query is cancelled and fails as retryable")]
    public static partial void LeaseLost(ILogger logger, int slot, string reason);

    [LoggerMessage(Observability.LogEventIds.SlotReleaseFailed, LogLevel.Warning, "Releasing query slot {Slot} failed ({Error}); it frees itself when its lease expires at {ExpiresAt:o}")]
    public static partial void ReleaseFailed(ILogger logger, int slot, string error, DateTimeOffset expiresAt);

    [LoggerMessage(Observability.LogEventIds.SlotStoreUnavailable, LogLevel.Error, "The query slots in the state store cannot be read or written ({Error}); the query fails as retryable rather than run past the app-wide cap")]
    public static partial void StoreUnavailable(ILogger logger, string error);
}
