using LogIngest.Core.Ports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace LogIngest.Functions;

/// <summary>The daily load: starts a run of every enabled config (default 02:00 UTC, setting DailyLoadSchedule).</summary>
public sealed partial class DailyLoadTimer(IControlStore control, TimeProvider time, ILogger<DailyLoadTimer> logger)
{
    [Function("DailyLoad")]
    public async Task Run(
        [TimerTrigger("%DailyLoadSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        foreach (var document in await control.ListEnabledConfigsAsync(cancellationToken))
        {
            var (instanceId, started) = await RunStarter.TryStartAsync(client, document.Id, time.GetUtcNow(), cancellationToken);
            if (started)
            {
                LogStarted(logger, document.Id, instanceId);
            }
            else
            {
                LogSkipped(logger, document.Id, instanceId);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Daily load of {ConfigId} started as {InstanceId}")]
    private static partial void LogStarted(ILogger logger, string configId, string instanceId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Daily load of {ConfigId} skipped: {InstanceId} is still running")]
    private static partial void LogSkipped(ILogger logger, string configId, string instanceId);
}
