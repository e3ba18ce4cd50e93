using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Activities;

public sealed record CompleteRunInput(RunSummary Summary, DateTimeOffset? NewWatermark);

/// <summary>
/// Ends a run: the config's final status (and, for a fully successful incremental run, its new
/// watermark), the PARENT audit row, an ERROR event when the run failed outside its windows, and RUN_END
/// (both with <c>sla_missed</c> and the parent run). Logs the end (<see cref="LogEventIds.RunEnded"/>) and
/// each error the run recorded (<see cref="LogEventIds.RunErrorRecorded"/>): what the alerts query.
/// </summary>
public sealed partial class CompleteRunActivity(IStateStore state, TimeProvider time, ILogger<CompleteRunActivity>? logger = null) : IActivity<CompleteRunInput, bool>
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<bool> RunAsync(CompleteRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var summary = input.Summary;
        var now = time.GetUtcNow();
        if (await state.GetConfigAsync(summary.ConfigId, cancellationToken) is not null)
        {
            await ControlUpdates.UpdateAsync(
                state,
                summary.ConfigId,
                d => d with
                {
                    Status = summary.Status,
                    LastRunId = summary.RunId,
                    Watermark = input.NewWatermark is { } w && (d.Watermark is null || w > d.Watermark) ? w : d.Watermark,
                },
                cancellationToken);
        }

        var start = new DateTimeOffset(summary.StartedAt, TimeSpan.Zero);
        var end = new DateTimeOffset(summary.EndedAt, TimeSpan.Zero);
        var level = summary.Status switch
        {
            RunStatus.Succeeded => RunEventLevel.Info,
            RunStatus.Partial => RunEventLevel.Warning,
            _ => RunEventLevel.Error,
        };
        var message =
            $"{summary.WindowsCompleted}/{summary.WindowsPlanned} windows, {summary.WindowsFailed} failed, {summary.WindowsStopped} stopped, " +
            $"{summary.Rows} rows in {summary.Files} files, {summary.HistogramQueries} planning queries, {summary.Retries} retries";
        RunEvent Row(string id, string type) => new()
        {
            EventId = id,
            RunId = summary.RunId,
            ParentRunId = summary.ParentRunId,
            ConfigId = summary.ConfigId,
            Level = level,
            EventType = type,
            Status = summary.Status,
            Timestamp = now,
            Start = start,
            End = end,
            Duration = end - start,
            Rows = summary.Rows,
            Bytes = summary.Bytes,
            Window = summary.Requested,
            Message = message,
            Error = summary.Error is { } e ? new RunError(e.Code, e.Message, e.Retryable) : null,
            SlaMissed = summary.SlaMissed,
        };

        await state.AppendEventAsync(Row(RunEventIds.Parent(summary.RunId), RunEventTypes.Parent), cancellationToken);
        if (summary.Error is not null)
        {
            await state.AppendEventAsync(Row(RunEventIds.Error(summary.RunId, "run"), RunEventTypes.Error), cancellationToken);
        }

        await state.AppendEventAsync(Row(RunEventIds.RunEnd(summary.RunId), RunEventTypes.RunEnd), cancellationToken);
        if (summary.Error is { } runError)
        {
            ErrorRecorded(_logger, summary.RunId, summary.ConfigId, runError.Code, runError.Retryable, "run", runError.Message);
        }

        foreach (var failed in summary.Failed)
        {
            ErrorRecorded(_logger, summary.RunId, summary.ConfigId, failed.Code, ErrorCodes.IsRetryable(failed.Code), failed.Window.ToString(), failed.Message);
        }

        Ended(_logger, level == RunEventLevel.Info ? LogLevel.Information : level == RunEventLevel.Warning ? LogLevel.Warning : LogLevel.Error,
            summary.RunId, summary.ConfigId, summary.Status, end - start, summary.Sla, summary.SlaMissed ?? false, summary.Rows, summary.ParentRunId ?? string.Empty);
        return true;
    }

    [LoggerMessage(EventId = LogEventIds.RunEnded, Message = "Run {RunId} of {ConfigId} ended {Status} in {Duration} (sla {Sla}, missed {SlaMissed}), {Rows} rows; rerun of {ParentRunId}")]
    private static partial void Ended(ILogger logger, LogLevel level, string runId, string configId, RunStatus status, TimeSpan duration, TimeSpan? sla, bool slaMissed, long rows, string parentRunId);

    [LoggerMessage(EventId = LogEventIds.RunErrorRecorded, Level = LogLevel.Error, Message = "Run {RunId} of {ConfigId} recorded {Code} (retryable {Retryable}) for {Where}: {Reason}")]
    private static partial void ErrorRecorded(ILogger logger, string runId, string configId, string code, bool retryable, string where, string reason);
}
