using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Operations;

/// <summary>
/// Prunes run history by age (<see cref="RunRetention"/>): the daily load calls it, on the Functions
/// timer and in the CLI's <c>run</c>. Only run events and run summaries go; checkpoints, configs and
/// stream watermarks are another store's concern and are never touched (<see cref="IRunEventStore.PruneRunHistoryAsync"/>).
/// </summary>
public sealed partial class RunHistoryRetention(IRunEventStore events, RunRetention retention, TimeProvider time, ILogger<RunHistoryRetention>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<RunHistoryPruned> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var pruned = await events.PruneRunHistoryAsync(now - retention.EventAge, now - retention.RunSummaryAge, cancellationToken).ConfigureAwait(false);
        if (pruned.Events > 0 || pruned.Runs > 0)
        {
            Pruned(_logger, pruned.Events, retention.EventAge.TotalDays, pruned.Runs, retention.RunSummaryAge.TotalDays);
        }

        return pruned;
    }

    [LoggerMessage(EventId = LogEventIds.RunHistoryPruned, Level = LogLevel.Information, Message = "Pruned {Events} run events older than {EventDays} days and {Runs} run summaries older than {RunDays} days")]
    private static partial void Pruned(ILogger logger, int events, double eventDays, int runs, double runDays);
}
