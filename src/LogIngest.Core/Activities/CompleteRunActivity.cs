using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Activities;

public sealed record CompleteRunInput(RunSummary Summary, DateTimeOffset? NewWatermark);

/// <summary>
/// Ends a run: the config's final status (and, for a fully successful incremental run, its new
/// watermark), the PARENT audit row, an ERROR event when the run failed outside its windows, and RUN_END.
/// </summary>
public sealed class CompleteRunActivity(IStateStore state, TimeProvider time) : IActivity<CompleteRunInput, bool>
{
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
        };

        await state.AppendEventAsync(Row(RunEventIds.Parent(summary.RunId), RunEventTypes.Parent), cancellationToken);
        if (summary.Error is not null)
        {
            await state.AppendEventAsync(Row(RunEventIds.Error(summary.RunId, "run"), RunEventTypes.Error), cancellationToken);
        }

        await state.AppendEventAsync(Row(RunEventIds.RunEnd(summary.RunId), RunEventTypes.RunEnd), cancellationToken);
        return true;
    }
}
