using LogIngest.Core.Hosting;
using LogIngest.Core.Observability;
using LogIngest.Core.Operations;
using LogIngest.Core.Ports;
using LogIngest.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace LogIngest.Functions;

/// <summary>
/// The daily load: starts a run of every enabled config (default 02:00 UTC, app setting DailyLoadSchedule),
/// then prunes run history past its retention (<see cref="RunHistoryRetention"/>).
/// </summary>
public sealed partial class DailyLoadTimer(IControlStore control, RunLauncher launcher, RunHistoryRetention retention, ILogger<DailyLoadTimer> logger)
{
    [Function("DailyLoad")]
    public async Task Run(
        [TimerTrigger("%DailyLoadSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var engine = new DurableRunEngine(client);
        foreach (var document in await control.ListEnabledConfigsAsync(cancellationToken))
        {
            try
            {
                var run = await launcher.StartAsync(engine, document.Id, cancellationToken);
                LogStarted(logger, document.Id, run.InstanceId);
            }
            catch (LogIngestException refused)
            {
                // One config that cannot start (still running, its source not served here) must not keep the others from their load.
                LogSkipped(logger, document.Id, refused.Code, refused.Message);
            }
        }

        // After the starts, so a slow prune never delays a load; a failed prune fails the invocation (logged), the loads stand.
        await retention.PruneAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Daily load of {ConfigId} started as {InstanceId}")]
    private static partial void LogStarted(ILogger logger, string configId, string instanceId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Daily load of {ConfigId} skipped ({Code}): {Reason}")]
    private static partial void LogSkipped(ILogger logger, string configId, string code, string reason);
}
