using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;
using LogIngest.Core.State;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Workflows;

/// <summary>Input of a run: which config, under which run id, with which retry policy and window fan-out.</summary>
public sealed record LoadRunInput(string ConfigId, string RunId)
{
    public WorkflowRetryPolicy Retry { get; init; } = WorkflowRetryPolicy.Default;

    /// <summary>Windows in flight per range (the query gate caps queries across all ranges).</summary>
    public int WindowWidth { get; init; } = 5;

    /// <summary>How often the run writes a HEARTBEAT event while its ranges run. Default <see cref="DefaultHeartbeatInterval"/>.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = DefaultHeartbeatInterval;

    /// <summary>2 minutes: often enough that a stalled run shows within minutes, rare enough to cost nothing.</summary>
    public static TimeSpan DefaultHeartbeatInterval { get; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Tier 1: one run of one config. Loads the config and its checkpoints, finds the gaps of the
/// requested range, splits them into at most <c>parallelism</c> ranges, fans out one
/// <see cref="LoadRangeWorkflow"/> per range, fans in, and completes the run. Deterministic: time
/// only from the context, all I/O in activities.
/// </summary>
public static partial class LoadRunWorkflow
{
    public const string Name = "LoadRun";

    public static async Task<RunSummary> RunAsync(WorkflowContext context, LoadRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger(typeof(LoadRunWorkflow).FullName!);
        var startedAt = context.CurrentUtcDateTime;
        var summary = new RunSummary { RunId = input.RunId, ConfigId = input.ConfigId, Status = RunStatus.Running, StartedAt = startedAt };

        var (loaded, retries) = await context.CallActivityWithRetryAsync<LoadedConfig>(ActivityNames.LoadConfig, input.ConfigId, input.Retry);
        if (!loaded.Succeeded)
        {
            // Nothing of the run exists yet and the config may not either: answer, change nothing.
            return summary with { Status = RunStatus.Failed, Error = loaded.Error, Retries = retries, EndedAt = context.CurrentUtcDateTime };
        }

        var config = loaded.Value!.Config;
        summary = summary with { ParentRunId = loaded.Value.ParentRunId, Sla = config.Sla };
        RequestedRange requested;
        try
        {
            requested = RequestedRangeResolver.Resolve(config, loaded.Value.Watermark, new DateTimeOffset(startedAt, TimeSpan.Zero));
        }
        catch (LogIngestException invalid)
        {
            return summary with { Status = RunStatus.Failed, Error = ActivityError.From(invalid), EndedAt = context.CurrentUtcDateTime };
        }

        summary = summary with { Axis = requested.Axis, Requested = requested.Span };
        var (coverage, coverageRetries) = await context.CallActivityWithRetryAsync<IReadOnlyList<Interval>>(
            ActivityNames.LoadCheckpoints, new LoadCheckpointsInput(config.Id, requested.Axis), input.Retry);
        retries += coverageRetries;
        if (!coverage.Succeeded)
        {
            return await FinishAsync(context, input, summary with { Retries = retries, Error = coverage.Error }, null);
        }

        var gaps = Gaps.Find(requested.Span, coverage.Value!);
        var ranges = RangeSplitter.Split(gaps, config.Parallelism, minRangeLength: RangeSplitter.MinRangeLength);
        var (started, startRetries) = await context.CallActivityWithRetryAsync<bool>(
            ActivityNames.StartRun, new StartRunInput(config.Id, input.RunId, requested.Axis, requested.Span, gaps.Intervals, ranges.Count) { ParentRunId = summary.ParentRunId }, input.Retry);
        retries += startRetries;
        if (!started.Succeeded)
        {
            return await FinishAsync(context, input, summary with { Retries = retries, Error = started.Error }, null);
        }

        Logs.RunPlanned(log, input.RunId, config.Id, requested.Span, gaps.Intervals.Count, ranges.Count);
        RangeResult[] results;
        using (var beating = new CancellationTokenSource())
        {
            var heartbeats = HeartbeatAsync(context, input, summary.ParentRunId, config.Id, beating.Token);
            results = await Task.WhenAll(ranges.Select(range => RunRangeAsync(context, input, config, requested.Axis, range, summary.ParentRunId)));
            retries += await AlignFlattenSchemaAsync(context, input, config, requested.Axis, [.. results.SelectMany(r => r.Written)]);

            // The pending timer is cancelled (Durable completes an orchestration only when none is left
            // outstanding); a heartbeat already being written is awaited. Cancel, not CancelAsync: the
            // timer's continuation must run here, on the orchestration's own thread.
#pragma warning disable CA1849
            beating.Cancel();
#pragma warning restore CA1849
            await heartbeats;
        }

        summary = summary.WithRanges(results);
        summary = summary with { Retries = summary.Retries + retries };
        // A range whose source count disagrees with what it wrote is not a success, whatever its windows said.
        var status = RunSummary.Classify(summary.WindowsCompleted, summary.WindowsFailed, summary.WindowsStopped, errored: results.Any(r => !r.Reconciled));
        DateTimeOffset? watermark = config.Mode == LoadMode.Incremental && status == RunStatus.Succeeded
            ? new DateTimeOffset(requested.Span.End, TimeSpan.Zero)
            : null;
        return await FinishAsync(context, input, summary with { Status = status }, watermark);
    }

    // Windows learn a config's new flatten keys as they meet them, so a window written before another
    // window of this run added a key lacks that column. Those windows are written again (same names: their
    // files are replaced) so every file of the run carries the run's final columns and a reader can take
    // the run's files as one table. Usually few: a new key is met early, while the first windows run.
    // A window that cannot be redone keeps its narrower files (its data is whole; only columns that are
    // empty in it are absent).
    private static async Task<int> AlignFlattenSchemaAsync(WorkflowContext context, LoadRunInput input, LoadConfig config, TimeAxis axis, IReadOnlyList<WrittenWindow> written)
    {
        if (written.Count == 0)
        {
            return 0;
        }

        var latest = written.Max(w => w.SchemaVersion);
        var stale = written.Where(w => w.SchemaVersion < latest).OrderBy(w => w.Window.Start).ToList();
        var retries = 0;
        var log = context.CreateReplaySafeLogger(typeof(LoadRunWorkflow).FullName!);
        foreach (var batch in stale.Chunk(Math.Max(1, config.Parallelism)))
        {
            var redone = await Task.WhenAll(batch.Select(w => RewriteAsync(context, input, config, axis, w)));
            retries += redone.Sum(r => r.Retries);
            foreach (var (window, error) in redone.Where(r => r.Error is not null).Select(r => (r.Window, r.Error!)))
            {
                Logs.SchemaAlignFailed(log, input.RunId, window.Window, window.SchemaVersion, latest, error);
            }
        }

        if (stale.Count > 0)
        {
            Logs.SchemaAligned(log, input.RunId, stale.Count, latest);
        }

        return retries;
    }

    private static async Task<(WrittenWindow Window, int Retries, string? Error)> RewriteAsync(WorkflowContext context, LoadRunInput input, LoadConfig config, TimeAxis axis, WrittenWindow window)
    {
        var (ingested, retries) = await context.CallActivityWithRetryAsync<WindowResult>(
            ActivityNames.IngestWindow, new IngestWindowInput(config, input.RunId, axis, window.Window, window.Split), input.Retry);
        if (!ingested.Succeeded || ingested.Value!.Status != WindowStatus.Completed)
        {
            return (window, retries, ingested.Error?.Code ?? "SplitRequired");
        }

        // The checkpoint's files and bytes follow the rewrite (its coverage is unchanged).
        var (checkpointed, more) = await context.CallActivityWithRetryAsync<bool>(
            ActivityNames.WriteCheckpoint, new WriteCheckpointInput(config.Id, input.RunId, null, axis, ingested.Value), input.Retry);
        return (window, retries + more, checkpointed.Succeeded ? null : checkpointed.Error!.Code);
    }

    // A range that fails as a whole (a bug, a host fault) must not take the run down with it: its time
    // is reported failed, the other ranges' work stands, and the run still records its end.
    // While the ranges run, a durable timer wakes the run every interval and an activity writes the
    // HEARTBEAT event with its own clock. Nothing here reads the wall clock: under Durable the timers and
    // the activity results replay from history, so a replay writes no heartbeat twice (the event id is
    // the beat's number) and decides exactly as the first execution did. A host that dies stops the
    // timers with it, and the silence is what `status` and the stale-heartbeat alert see.
    private static async Task HeartbeatAsync(WorkflowContext context, LoadRunInput input, string? parentRunId, string configId, CancellationToken stop)
    {
        for (var beat = 1; ; beat++)
        {
            try
            {
                await context.CreateTimer(input.HeartbeatInterval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            // One try: a heartbeat missed is what a stale heartbeat would report anyway.
            await context.CallActivityAsync<bool>(ActivityNames.Heartbeat, new HeartbeatInput(configId, input.RunId, beat, input.HeartbeatInterval) { ParentRunId = parentRunId });
        }
    }

    private static async Task<RangeResult> RunRangeAsync(WorkflowContext context, LoadRunInput input, LoadConfig config, TimeAxis axis, LoadRange range, string? parentRunId)
    {
        try
        {
            return await context.CallSubWorkflowAsync<RangeResult>(
                LoadRangeWorkflow.Name,
                $"{input.RunId}:r{range.Index}",
                new LoadRangeInput(config, input.RunId, axis, range) { Retry = input.Retry, WindowWidth = input.WindowWidth, ParentRunId = parentRunId });
        }
#pragma warning disable CA1031 // Any failure of a range becomes its failed windows; cancellation (abort) still propagates.
        catch (Exception failed) when (failed is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new RangeResult
            {
                RangeIndex = range.Index,
                WindowsPlanned = range.Spans.Count,
                Failed = [.. range.Spans.Select(span => new FailedWindow(span, null, ErrorCodes.Unknown, $"Range {range.Index} failed: {failed.Message}"))],
            };
        }
    }

    private static async Task<RunSummary> FinishAsync(WorkflowContext context, LoadRunInput input, RunSummary summary, DateTimeOffset? watermark)
    {
        if (summary.Error is not null)
        {
            summary = summary with { Status = RunStatus.Failed };
        }

        summary = summary with { EndedAt = context.CurrentUtcDateTime };
        var (completed, retries) = await context.CallActivityWithRetryAsync<bool>(
            ActivityNames.CompleteRun, new CompleteRunInput(summary, watermark), input.Retry);
        summary = summary with { Retries = summary.Retries + retries };
        if (!completed.Succeeded)
        {
            // The lake and checkpoints are right; only the run's closing records are missing. Say so.
            Logs.CompleteRunFailed(context.CreateReplaySafeLogger(typeof(LoadRunWorkflow).FullName!), summary.RunId, completed.Error!.Code, completed.Error.Message);
        }

        return summary;
    }

    private static partial class Logs
    {
        [LoggerMessage(EventId = LogEventIds.RunPlanned, Level = LogLevel.Information, Message = "Run {RunId} of {ConfigId}: requested {Requested}, {Gaps} gap(s) in {Ranges} range(s)")]
        public static partial void RunPlanned(ILogger logger, string runId, string configId, Interval requested, int gaps, int ranges);

        [LoggerMessage(EventId = LogEventIds.RunSchemaAligned, Level = LogLevel.Information, Message = "Run {RunId}: {Windows} window(s) written before the flatten schema reached version {Version} were written again with its columns")]
        public static partial void SchemaAligned(ILogger logger, string runId, int windows, int version);

        [LoggerMessage(EventId = LogEventIds.RunSchemaAlignFailed, Level = LogLevel.Warning, Message = "Run {RunId}: window {Window} keeps the columns of flatten schema version {Version}, not {Latest} ({Code})")]
        public static partial void SchemaAlignFailed(ILogger logger, string runId, Interval window, int version, int latest, string code);

        [LoggerMessage(EventId = LogEventIds.RunCompleteFailed, Level = LogLevel.Error, Message = "Run {RunId} could not record its end ({Code}: {Message})")]
        public static partial void CompleteRunFailed(ILogger logger, string runId, string code, string message);
    }
}
