using System.Globalization;
using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;
using LogIngest.Core.State;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Workflows;

/// <summary>Input of one range workflow.</summary>
public sealed record LoadRangeInput(LoadConfig Config, string RunId, TimeAxis Axis, LoadRange Range)
{
    public WorkflowRetryPolicy Retry { get; init; } = WorkflowRetryPolicy.Default;

    public int WindowWidth { get; init; } = 5;

    /// <summary>The failed run this run reruns; carried on the range's audit rows.</summary>
    public string? ParentRunId { get; init; }
}

/// <summary>Progress of one range, published as the workflow's custom status.</summary>
public sealed record RangeProgress(int RangeIndex, int WindowsPlanned, int WindowsCompleted, int WindowsFailed, long Rows, long EstimatedRows = 0);

/// <summary>
/// Tier 2: one range of a run. Plans its windows, ingests them with a bounded fan-out, checkpoints
/// each completed window, re-plans a truncated window finer (never retries it as is), counts the
/// source over the whole range once every window is in (reconciliation), and writes the JOB audit
/// row (rows written beside rows counted) plus a WINDOW row and ERROR event for each window that
/// failed and an ERROR event when the count disagrees.
/// </summary>
public static partial class LoadRangeWorkflow
{
    public const string Name = "LoadRange";

    /// <summary>How many times one stretch of time may be re-planned finer before it is given up as D202.</summary>
    public const int MaxSplitDepth = 8;

    /// <summary>
    /// How many times a window that still times out or gets a server error after every retry is cut
    /// finer, in case its size is the cause (the service answers 5xx or 504 for results it cannot
    /// build in time). Bounded low: an outage must not multiply windows.
    /// </summary>
    public const int MaxServerErrorSplitDepth = 2;

    public static async Task<RangeResult> RunAsync(WorkflowContext context, LoadRangeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var state = new RangeState(input.Range.Index);
        var startedAt = context.CurrentUtcDateTime;
        var log = context.CreateReplaySafeLogger(typeof(LoadRangeWorkflow).FullName!);

        var (plan, planRetries) = await context.CallActivityWithRetryAsync<PlanWindowsResult>(
            ActivityNames.PlanWindows, new PlanWindowsInput(input.Config, input.Axis, input.Range.Spans, input.Config.Limits), input.Retry);
        state.Retries += planRetries;
        var queue = new Queue<WindowWork>();
        if (plan.Succeeded)
        {
            state.HistogramQueries += plan.Value!.Queries;
            state.Retries += await RecordEmptyAsync(context, input, plan.Value.EmptySpans);
            foreach (var window in plan.Value.Windows)
            {
                queue.Enqueue(new WindowWork(window.Span, window.KeySplit, input.Config.Limits, 0));
                state.EstimatedRows += window.EstimatedRows;
            }
        }
        else
        {
            state.Failed.AddRange(input.Range.Spans.Select(s => new FailedWindow(s, null, plan.Error!.Code, plan.Error.Message)));
        }

        state.Planned = queue.Count;

        // The plan is known before any window loads, so a watcher's totals are whole from the start.
        context.SetCustomStatus(state.Progress());
        var inFlight = new List<Task<WindowOutcome>>();
        var stopping = false;
        while (queue.Count > 0 || inFlight.Count > 0)
        {
            while (!stopping && queue.Count > 0 && inFlight.Count < Math.Max(1, input.WindowWidth))
            {
                inFlight.Add(ProcessAsync(context, input, queue.Dequeue()));
            }

            if (inFlight.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            var outcome = await finished;
            state.Retries += outcome.Retries;
            state.HistogramQueries += outcome.HistogramQueries;
            switch (outcome)
            {
                case WindowOutcome.Completed done:
                    state.Completed++;
                    state.Rows += done.Result.Rows;
                    state.Bytes += done.Result.Bytes;
                    state.Files += done.Result.Files.Count;
                    state.SourceRows += done.Result.SourceCount;
                    if (done.Result.SchemaVersion > 0)
                    {
                        state.Written.Add(new WrittenWindow(done.Result.Window, done.Result.Split, done.Result.SchemaVersion));
                    }

                    break;
                case WindowOutcome.Split split:
                    Logs.WindowSplit(log, input.RunId, input.Range.Index, split.Replacements.Count);
                    state.Splits++;
                    state.Planned += split.Replacements.Count - 1; // the split window is replaced, not done
                    state.SplitWindows.Add(split.Record!);
                    foreach (var work in split.Replacements)
                    {
                        queue.Enqueue(work);
                    }

                    break;
                case WindowOutcome.Stopped:
                    state.Stopped++;
                    stopping = true;
                    break;
                case WindowOutcome.Failed failed:
                    Logs.WindowFailed(log, input.RunId, input.Range.Index, failed.Window.Window, failed.Window.Code, failed.Window.Message);
                    state.Failed.Add(failed.Window);
                    break;
            }

            context.SetCustomStatus(state.Progress());
        }

        state.Stopped += queue.Count;
        if (plan.Succeeded && state.Failed.Count == 0 && state.Stopped == 0)
        {
            state.Counted = await CountRangeAsync(context, input, state);
        }

        var result = state.ToResult();
        if (!result.Reconciled)
        {
            Logs.CountMismatch(log, input.RunId, input.Range.Index, result.SourceRowsCounted!.Value, result.Rows);
        }

        await WriteAuditAsync(context, input, result, startedAt);
        return result;
    }

    private static async Task<WindowOutcome> ProcessAsync(WorkflowContext context, LoadRangeInput input, WindowWork work)
    {
        var (ingested, retries) = await context.CallActivityWithRetryAsync<WindowResult>(
            ActivityNames.IngestWindow, new IngestWindowInput(input.Config, input.RunId, input.Axis, work.Span, work.Split), input.Retry);
        if (!ingested.Succeeded)
        {
            var error = ingested.Error!;
            return error.Code switch
            {
                ErrorCodes.Stopped => new WindowOutcome.Stopped(retries),
                ErrorCodes.ResultTruncated => await SplitAsync(context, input, work, error.Message, retries),
                ErrorCodes.Timeout or ErrorCodes.Unavailable when work.Depth < MaxServerErrorSplitDepth =>
                    await SplitAsync(context, input, work, $"{error.Code} after {retries} retries: {error.Message}", retries),
                _ => new WindowOutcome.Failed(new FailedWindow(work.Span, work.Split, error.Code, error.Message) { Attempts = retries + 1 }, retries),
            };
        }

        var result = ingested.Value!;
        if (result.Status == WindowStatus.SplitRequired)
        {
            return await SplitAsync(context, input, work, result.SplitReason ?? "result truncated", retries);
        }

        var (checkpointed, checkpointRetries) = await context.CallActivityWithRetryAsync<bool>(
            ActivityNames.WriteCheckpoint, new WriteCheckpointInput(input.Config.Id, input.RunId, input.ParentRunId, input.Axis, result) { Attempt = retries + 1 }, input.Retry);
        var attempts = retries + 1;
        retries += checkpointRetries;
        return checkpointed.Succeeded
            ? new WindowOutcome.Completed(result, retries)
            : new WindowOutcome.Failed(new FailedWindow(work.Span, work.Split, checkpointed.Error!.Code, checkpointed.Error.Message) { Attempts = attempts }, retries);
    }

    // A truncated window is cut finer: a key slice into two slices that together are exactly it, anything
    // else re-planned with tightened limits (each level halves the limits the window was planned with).
    private static async Task<WindowOutcome> SplitAsync(WorkflowContext context, LoadRangeInput input, WindowWork work, string reason, int retries)
    {
        if (work.Depth >= MaxSplitDepth)
        {
            return new WindowOutcome.Failed(
                new FailedWindow(work.Span, work.Split, ErrorCodes.ResultTruncated, $"Still truncated after {MaxSplitDepth} re-plans: {reason}") { Attempts = retries + 1 }, retries);
        }

        var at = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        if (work.Split is { } split)
        {
            return new WindowOutcome.Split(
                [.. Replanning.SplitFurther(split).Select(slice => work with { Split = slice, Depth = work.Depth + 1 })], retries, 0)
            {
                Record = new SplitWindow(work.Span, split, 2, reason, at, retries + 1),
            };
        }

        var limits = Replanning.TightenedLimits(work.Limits, 1);
        var (plan, planRetries) = await context.CallActivityWithRetryAsync<PlanWindowsResult>(
            ActivityNames.PlanWindows, new PlanWindowsInput(input.Config, input.Axis, [work.Span], limits), input.Retry);
        retries += planRetries;
        if (!plan.Succeeded)
        {
            return new WindowOutcome.Failed(new FailedWindow(work.Span, work.Split, plan.Error!.Code, plan.Error.Message) { Attempts = retries + 1 }, retries);
        }

        var replanned = plan.Value!;
        var attempts = retries + 1;
        retries += await RecordEmptyAsync(context, input, replanned.EmptySpans);

        return new WindowOutcome.Split(
            [.. replanned.Windows.Select(w => new WindowWork(w.Span, w.KeySplit, limits, work.Depth + 1))], retries, replanned.Queries)
        {
            Record = new SplitWindow(work.Span, null, replanned.Windows.Count, reason, at, attempts),
        };
    }

    // Once every window is in, the source counts the whole range again (through the count activity, one
    // query per span): the run's own reconciliation, as `verify` makes it on one machine. Null when a
    // count failed after its retries (nothing is concluded then).
    private static async Task<long?> CountRangeAsync(WorkflowContext context, LoadRangeInput input, RangeState state)
    {
        long counted = 0;
        foreach (var span in input.Range.Spans)
        {
            var (count, retries) = await context.CallActivityWithRetryAsync<long>(
                ActivityNames.CountWindow, new CountWindowInput(input.Config, input.Axis, span, null), input.Retry);
            state.Retries += retries;
            if (!count.Succeeded)
            {
                return null;
            }

            counted += count.Value;
        }

        return counted;
    }

    // Checkpoints time the plan found empty; answers the retries it took. Unrecorded empty time (the
    // activity failed) is only planned again by a rerun, so its failure is not the window's.
    private static async Task<int> RecordEmptyAsync(WorkflowContext context, LoadRangeInput input, IReadOnlyList<Interval> spans)
    {
        if (spans.Count == 0)
        {
            return 0;
        }

        var (_, retries) = await context.CallActivityWithRetryAsync<int>(
            ActivityNames.RecordEmptySpans, new RecordEmptySpansInput(input.Config.Id, input.RunId, input.Axis, spans), input.Retry);
        return retries;
    }

    private static async Task WriteAuditAsync(WorkflowContext context, LoadRangeInput input, RangeResult result, DateTime startedAt)
    {
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var start = new DateTimeOffset(startedAt, TimeSpan.Zero);
        var status = RunSummary.Classify(result.WindowsCompleted, result.Failed.Count, result.WindowsStopped, errored: !result.Reconciled);
        var events = new List<RunEvent>
        {
            new()
            {
                EventId = RunEventIds.Job(input.RunId, input.Range.Index),
                RunId = input.RunId,
                ParentRunId = input.ParentRunId,
                ConfigId = input.Config.Id,
                Level = status == RunStatus.Succeeded ? RunEventLevel.Info : RunEventLevel.Warning,
                EventType = RunEventTypes.Job,
                Status = status,
                Timestamp = now,
                Start = start,
                End = now,
                Duration = now - start,
                Rows = result.Rows,
                Bytes = result.Bytes,
                SourceRows = result.SourceRowsCounted,
                Window = input.Range.Spans.Count == 0 ? null : new Interval(input.Range.Spans[0].Start, input.Range.Spans[^1].End),
                Message = $"range {input.Range.Index}: {result.WindowsCompleted}/{result.WindowsPlanned} windows, {result.Failed.Count} failed, {result.WindowsStopped} stopped, {result.Splits} re-planned",
            },
        };
        if (!result.Reconciled)
        {
            var span = new Interval(input.Range.Spans[0].Start, input.Range.Spans[^1].End);
            events.Add(new RunEvent
            {
                EventId = RunEventIds.Job(input.RunId, input.Range.Index) + ":reconciliation",
                RunId = input.RunId,
                ConfigId = input.Config.Id,
                Level = RunEventLevel.Error,
                EventType = RunEventTypes.Error,
                Status = status,
                Timestamp = now,
                Window = span,
                Rows = result.Rows,
                SourceRows = result.SourceRowsCounted,
                Error = new RunError(
                    ErrorCodes.CountMismatch,
                    $"range {input.Range.Index}: the source counts {result.SourceRowsCounted} rows over {span} but the lake received {result.Rows} (logingest verify names the windows that differ)",
                    Retryable: false),
            });
        }

        foreach (var failed in result.Failed)
        {
            var error = new RunError(failed.Code, failed.Message, ErrorCodes.IsRetryable(failed.Code));
            var id = RunEventIds.WindowFailed(input.RunId, input.Axis, failed.Window, failed.Split);
            var row = new RunEvent
            {
                EventId = id,
                RunId = input.RunId,
                ConfigId = input.Config.Id,
                Level = RunEventLevel.Error,
                EventType = RunEventTypes.Window,
                Status = RunStatus.Failed,
                Attempt = failed.Attempts,
                Timestamp = now,
                Window = failed.Window,
                Message = failed.Split is { } s ? $"key slice {s}" : null,
                Error = error,
            };
            events.Add(row);
            events.Add(row with { EventId = id + ":error", EventType = RunEventTypes.Error });
        }

        // A window cut finer: a WINDOW row without a status, at the time it was cut (its replacements have rows of their own).
        foreach (var split in result.SplitWindows)
        {
            events.Add(new RunEvent
            {
                EventId = RunEventIds.WindowSplit(input.RunId, input.Axis, split.Window, split.Split),
                RunId = input.RunId,
                ConfigId = input.Config.Id,
                Level = RunEventLevel.Warning,
                EventType = RunEventTypes.Window,
                Attempt = split.Attempts,
                Timestamp = split.At,
                End = split.At,
                Window = split.Window,
                Message = string.Create(CultureInfo.InvariantCulture, $"{RunEventIds.SplitMessagePrefix}{split.Parts}{(split.Split is { } k ? $" (key slice {k})" : string.Empty)}: {split.Reason}"),
            });
        }

        // Best effort: a missing audit row must not turn a loaded range into a failed one.
        await context.CallActivityWithRetryAsync<int>(ActivityNames.WriteAudit, events, input.Retry);
    }

    private static partial class Logs
    {
        [LoggerMessage(EventId = LogEventIds.WindowSplit, Level = LogLevel.Information, Message = "Run {RunId} range {Range}: a window was cut into {Parts} finer windows")]
        public static partial void WindowSplit(ILogger logger, string runId, int range, int parts);

        [LoggerMessage(EventId = LogEventIds.WindowFailed, Level = LogLevel.Error, Message = "Run {RunId} range {Range}: window {Window} failed with {Code}: {Reason}")]
        public static partial void WindowFailed(ILogger logger, string runId, int range, Interval window, string code, string reason);

        [LoggerMessage(EventId = LogEventIds.RangeCountMismatch, Level = LogLevel.Error, Message = "Run {RunId} range {Range}: the source counts {SourceRows} rows, the lake received {LakeRows}")]
        public static partial void CountMismatch(ILogger logger, string runId, int range, long sourceRows, long lakeRows);
    }

    private sealed record WindowWork(Interval Span, KeySplit? Split, WindowLimits Limits, int Depth);

    private abstract record WindowOutcome(int Retries, int HistogramQueries)
    {
        public sealed record Completed(WindowResult Result, int Retries) : WindowOutcome(Retries, 0);

        public sealed record Split(IReadOnlyList<WindowWork> Replacements, int Retries, int Queries) : WindowOutcome(Retries, Queries)
        {
            public SplitWindow? Record { get; init; }
        }

        public sealed record Stopped(int Retries) : WindowOutcome(Retries, 0);

        public sealed record Failed(FailedWindow Window, int Retries) : WindowOutcome(Retries, 0);
    }

    private sealed class RangeState(int index)
    {
        public int Index { get; } = index;

        public int Planned { get; set; }

        public int Completed { get; set; }

        public int Stopped { get; set; }

        public int Splits { get; set; }

        public long Rows { get; set; }

        public long Bytes { get; set; }

        public int Files { get; set; }

        public long SourceRows { get; set; }

        public int HistogramQueries { get; set; }

        public int Retries { get; set; }

        public long? Counted { get; set; }

        public long EstimatedRows { get; set; }

        public List<FailedWindow> Failed { get; } = [];

        public List<SplitWindow> SplitWindows { get; } = [];

        public List<WrittenWindow> Written { get; } = [];

        public RangeProgress Progress() => new(Index, Planned, Completed, Failed.Count, Rows, EstimatedRows);

        public RangeResult ToResult() => new()
        {
            RangeIndex = Index,
            WindowsPlanned = Planned,
            WindowsCompleted = Completed,
            WindowsStopped = Stopped,
            Splits = Splits,
            Rows = Rows,
            Bytes = Bytes,
            Files = Files,
            SourceRows = SourceRows,
            HistogramQueries = HistogramQueries,
            Retries = Retries,
            Failed = [.. Failed],
            SplitWindows = [.. SplitWindows],
            Written = [.. Written],
            SourceRowsCounted = Counted,
        };
    }
}
