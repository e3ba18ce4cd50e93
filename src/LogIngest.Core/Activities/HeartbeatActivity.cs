using System.Globalization;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Activities;

/// <summary>Beat <see cref="Beat"/> of a run in flight, due every <see cref="Interval"/>.</summary>
public sealed record HeartbeatInput(string ConfigId, string RunId, int Beat, TimeSpan Interval)
{
    public string? ParentRunId { get; init; }
}

/// <summary>
/// Writes a HEARTBEAT run event (id <c>{runId}:heartbeat:{beat}</c>, so a replayed beat is stored once)
/// stamped with this activity's clock, and logs it (event <see cref="LogEventIds.RunHeartbeat"/>) for the
/// stale-heartbeat alert.
/// </summary>
public sealed partial class HeartbeatActivity(IRunEventStore events, TimeProvider time, ILogger<HeartbeatActivity>? logger = null) : Workflows.IActivity<HeartbeatInput, bool>
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<bool> RunAsync(HeartbeatInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        await events.AppendEventAsync(
            new RunEvent
            {
                EventId = RunEventIds.Heartbeat(input.RunId, input.Beat),
                RunId = input.RunId,
                ParentRunId = input.ParentRunId,
                ConfigId = input.ConfigId,
                EventType = RunEventTypes.Heartbeat,
                Status = RunStatus.Running,
                Attempt = input.Beat,
                Timestamp = now,
                HeartbeatInterval = input.Interval,
                Message = string.Create(CultureInfo.InvariantCulture, $"alive (beat {input.Beat}, next within {input.Interval:c})"),
            },
            cancellationToken).ConfigureAwait(false);
        Beat(_logger, input.RunId, input.ConfigId, input.Beat, input.Interval);
        return true;
    }

    [LoggerMessage(EventId = LogEventIds.RunHeartbeat, Level = LogLevel.Information, Message = "Run {RunId} of {ConfigId} alive: beat {Beat}, next within {Interval}")]
    private static partial void Beat(ILogger logger, string runId, string configId, int beat, TimeSpan interval);
}
