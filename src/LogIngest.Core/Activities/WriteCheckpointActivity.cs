using System.Globalization;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Activities;

/// <summary>
/// Records one ingested window: the <see cref="WindowCheckpoint"/> (an idempotent upsert) and the
/// WINDOW audit <see cref="RunEvent"/> (idempotent by a deterministic event id), so a replayed call
/// changes nothing. Answers true when the window was checkpointed as done; a result that asks for a
/// split is audited but never checkpointed (its rows are not in the lake) and answers false.
/// </summary>
public sealed class WriteCheckpointActivity : IActivity<WriteCheckpointInput, bool>
{
    private readonly ICheckpointStore _checkpoints;
    private readonly IRunEventStore _events;
    private readonly TimeProvider _clock;

    public WriteCheckpointActivity(ICheckpointStore checkpoints, IRunEventStore events, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(events);
        _checkpoints = checkpoints;
        _events = events;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The audit event id of a window's result: <c>{runId}:window:{key}</c>, plus <c>:split</c> when it asked for a split.</summary>
    public static string EventIdOf(string runId, WindowCheckpoint checkpoint, WindowStatus status)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var id = runId + ":window:" + checkpoint.Key;
        return status == WindowStatus.Completed ? id : id + ":split";
    }

    public async Task<bool> RunAsync(WriteCheckpointInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(input.ConfigId, "input.ConfigId");
        ArgumentException.ThrowIfNullOrEmpty(input.RunId, "input.RunId");
        var result = input.Result ?? throw new ArgumentException("WriteCheckpointInput.Result is required.", nameof(input));

        // Times come from the result, so a replay writes the very same records.
        var finished = result.FinishedAt != default ? result.FinishedAt : _clock.GetUtcNow();
        var started = result.StartedAt != default ? result.StartedAt : finished;
        var checkpoint = new WindowCheckpoint
        {
            ConfigId = input.ConfigId,
            Axis = input.Axis,
            Window = result.Window,
            Split = result.Split,
            RunId = input.RunId,
            Files = result.Files,
            Rows = result.Rows,
            Bytes = result.Bytes,
            SourceCount = result.SourceCount,
            CompletedAt = finished,
        };

        var completed = result.Status == WindowStatus.Completed;
        if (completed)
        {
            await _checkpoints.RecordWindowAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }

        await _events.AppendEventAsync(
            new RunEvent
            {
                EventId = EventIdOf(input.RunId, checkpoint, result.Status),
                RunId = input.RunId,
                ParentRunId = input.ParentRunId,
                ConfigId = input.ConfigId,
                Level = completed ? RunEventLevel.Info : RunEventLevel.Warning,
                EventType = RunEventTypes.Window,
                Status = completed ? RunStatus.Succeeded : null,
                Attempt = input.Attempt,
                Timestamp = finished,
                Start = started,
                End = finished,
                Duration = finished - started,
                Rows = result.Rows,
                Bytes = result.Bytes,
                Window = result.Window,
                Message = completed ? Describe(result) : "Split required: " + result.SplitReason,
            },
            cancellationToken).ConfigureAwait(false);
        return completed;
    }

    private static string Describe(WindowResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Rows} rows in {result.Files.Count} files{(result.Split is { } s ? " (slice " + s + ")" : string.Empty)}; source count {result.SourceCount}, late rows {result.LateRows}; {result.OrphansRemoved} orphans removed; query {result.QueryDuration.TotalMilliseconds:F0} ms, write {result.WriteDuration.TotalMilliseconds:F0} ms.");
}
