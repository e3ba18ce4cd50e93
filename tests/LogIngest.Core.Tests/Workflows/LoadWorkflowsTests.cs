using System.Collections.Concurrent;
using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Tests.Workflows;

public class LoadWorkflowsTests
{
    private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    // Two days: LoadRun cuts no range under a day, and these tests need two ranges.
    private static readonly DateTimeOffset To = new(2025, 1, 3, 0, 0, 0, TimeSpan.Zero);

    private static LoadConfig Config(int parallelism = 2) => new()
    {
        Id = "officeactivity",
        Table = "OfficeActivity",
        From = From,
        To = To,
        Parallelism = parallelism,
    };

    /// <summary>
    /// A scripted world: planning cuts each span into <see cref="WindowsPerSpan"/> equal windows;
    /// ingest answers by <see cref="Ingest"/>; everything written is recorded.
    /// </summary>
    private sealed class World
    {
        public World(LoadConfig? config = null)
        {
            Config = config ?? LoadWorkflowsTests.Config();
            Context
                .On<string, LoadedConfig>(ActivityNames.LoadConfig, id => id == Config.Id
                    ? new LoadedConfig(Config, null, RunStatus.Pending)
                    : throw new LogIngestException(ErrorCodes.NotFound, "no config " + id))
                .On<LoadCheckpointsInput, IReadOnlyList<Interval>>(ActivityNames.LoadCheckpoints, _ => Coverage)
                .On<StartRunInput, bool>(ActivityNames.StartRun, _ => true)
                .On<PlanWindowsInput, PlanWindowsResult>(ActivityNames.PlanWindows, Plan)
                .On<IngestWindowInput, WindowResult>(ActivityNames.IngestWindow, input => Ingest(input))
                .On<WriteCheckpointInput, bool>(ActivityNames.WriteCheckpoint, input => { Checkpoints.Add(input); return true; })
                .On<RecordEmptySpansInput, int>(ActivityNames.RecordEmptySpans, input => input.Spans.Count)
                .On<IReadOnlyList<RunEvent>, int>(ActivityNames.WriteAudit, events => { foreach (var e in events) { Audit.Add(e); } return events.Count; })
                .On<CompleteRunInput, bool>(ActivityNames.CompleteRun, input => { Completed.Add(input); return true; })
                .On<CountWindowInput, long>(ActivityNames.CountWindow, input => CountSource(input.Window))
                .Workflow<LoadRangeInput, RangeResult>(LoadRangeWorkflow.Name, LoadRangeWorkflow.RunAsync);
        }

        public FakeWorkflowContext Context { get; } = new("run-1");

        public LoadConfig Config { get; }

        public List<Interval> Coverage { get; init; } = [];

        public int WindowsPerSpan { get; init; } = 4;

        public Func<IngestWindowInput, WindowResult> Ingest { get; set; } = Complete;

        public ConcurrentBag<WriteCheckpointInput> Checkpoints { get; } = [];

        public ConcurrentBag<RunEvent> Audit { get; } = [];

        public List<CompleteRunInput> Completed { get; } = [];

        /// <summary>Rows the source holds beyond what the windows wrote (rows the loads missed).</summary>
        public long UnloadedSourceRows { get; init; }

        // The source counts what the windows of a span wrote, plus rows they missed.
        private long CountSource(Interval span) =>
            Checkpoints.Where(c => span.Contains(c.Result.Window)).Sum(c => c.Result.Rows) + UnloadedSourceRows;

        public static WindowResult Complete(IngestWindowInput input) => new()
        {
            Status = WindowStatus.Completed,
            Window = input.Window,
            Split = input.Split,
            Rows = 10,
            SourceCount = 10,
            Bytes = 100,
            Files = [$"f-{input.Window.Start}-{input.Split}"],
        };

        public Task<RunSummary> RunAsync(WorkflowRetryPolicy? retry = null, int width = 5)
        {
            Context.Now = To.UtcDateTime.AddDays(7);
            var input = new LoadRunInput(Config.Id, "run-1") { Retry = retry ?? WorkflowRetryPolicy.Default, WindowWidth = width };
            return LoadRunWorkflow.RunAsync(Context, input);
        }

        private PlanWindowsResult Plan(PlanWindowsInput input)
        {
            // A re-plan with tightened limits cuts each span in two; a first plan into WindowsPerSpan.
            var count = input.Limits.MaxRows < Config.Limits.MaxRows ? 2 : WindowsPerSpan;
            var windows = new List<PlannedWindow>();
            foreach (var span in input.Spans)
            {
                var step = span.Length / count;
                for (var i = 0; i < count; i++)
                {
                    var end = i == count - 1 ? span.End : span.Start + ((i + 1) * step);
                    windows.Add(new PlannedWindow(new Interval(span.Start + (i * step), end), 10, 100, BoundaryReason.RowLimit, BoundaryReason.RowLimit));
                }
            }

            return new PlanWindowsResult(windows, [], 1);
        }
    }

    [Fact]
    public async Task LoadRange_AllWindowsIn_CountsTheSourceAndRecordsItBesideTheLakeRows()
    {
        var world = new World();

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(2, world.Context.CallCount(ActivityNames.CountWindow));
        var jobs = world.Audit.Where(e => e.EventType == RunEventTypes.Job).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job => Assert.Equal(job.Rows, job.SourceRows));
        Assert.DoesNotContain(world.Audit, e => e.EventType == RunEventTypes.Error);
    }

    [Fact]
    public async Task LoadRange_SourceCountsMoreThanTheLakeReceived_ErrorEventAndRunNotSucceeded()
    {
        var world = new World { UnloadedSourceRows = 3 };

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Partial, summary.Status);
        var errors = world.Audit.Where(e => e.EventType == RunEventTypes.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.CountMismatch, e.Error!.Code));
        Assert.All(world.Audit.Where(e => e.EventType == RunEventTypes.Job), job => Assert.Equal(job.Rows + 3, job.SourceRows));
        Assert.Equal(RunStatus.Partial, world.Completed.Single().Summary.Status);
    }

    [Fact]
    public async Task LoadRun_AllWindowsComplete_SucceedsAndCheckpointsTileTheRange()
    {
        var world = new World();

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(2, summary.Ranges);
        Assert.Equal(8, summary.WindowsCompleted);
        Assert.Equal(80, summary.Rows);
        var covered = IntervalSet.Of(world.Checkpoints.Select(c => c.Result.Window));
        Assert.Equal([Interval.FromUtc(From, To)], covered.Intervals);
        Assert.Equal(RunStatus.Succeeded, Assert.Single(world.Completed).Summary.Status);
        Assert.Null(world.Completed[0].NewWatermark); // backfills keep no watermark
        Assert.Equal(2, world.Audit.Count(e => e.EventType == RunEventTypes.Job));
    }

    [Fact]
    public async Task LoadRange_ManyWindows_KeepsIngestFanOutWithinWidth()
    {
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 12 };
        var started = 0;
        var threeInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        world.Context.OnAsync<IngestWindowInput, WindowResult>(ActivityNames.IngestWindow, async input =>
        {
            if (Interlocked.Increment(ref started) == 3)
            {
                threeInFlight.SetResult();
            }

            await threeInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the first ingests finish only once three run at once
            return World.Complete(input);
        });

        var summary = await world.RunAsync(width: 3);

        Assert.Equal(12, summary.WindowsCompleted);
        Assert.Equal(3, world.Context.PeakInFlight(ActivityNames.IngestWindow));
    }

    [Fact]
    public async Task LoadRange_TransientFailuresThenSuccess_RetriesWithBackoffAndCompletes()
    {
        var failures = 2;
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 1 };
        world.Ingest = input => Interlocked.Decrement(ref failures) >= 0
            ? throw new LogIngestException(ErrorCodes.Throttled, "429", retryAfter: TimeSpan.FromSeconds(3))
            : World.Complete(input);

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(2, summary.Retries);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)], world.Context.Timers); // Retry-After, then backoff
        Assert.Single(world.Checkpoints);
    }

    [Fact]
    public async Task LoadRun_RetriesExhausted_IsPartialWithTheFailedWindowAudited()
    {
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 3 };
        Interval? doomed = null;
        world.Ingest = input =>
        {
            doomed ??= input.Window;
            return input.Window == doomed ? throw new LogIngestException(ErrorCodes.Throttled, "429 too many requests") : World.Complete(input);
        };

        var summary = await world.RunAsync(new WorkflowRetryPolicy { MaxRetries = 2 });

        Assert.Equal(RunStatus.Partial, summary.Status);
        var failed = Assert.Single(summary.Failed);
        Assert.Equal(ErrorCodes.Throttled, failed.Code);
        Assert.Equal(3, world.Context.Inputs<IngestWindowInput>(ActivityNames.IngestWindow).Count(i => i.Window == doomed));
        Assert.DoesNotContain(world.Checkpoints, c => c.Result.Window == doomed);
        var row = Assert.Single(world.Audit, e => e.EventType == RunEventTypes.Window);
        Assert.Equal(doomed, row.Window);
        Assert.Equal(new RunError(ErrorCodes.Throttled, "429 too many requests", Retryable: true), row.Error);
        Assert.Single(world.Audit, e => e.EventType == RunEventTypes.Error);
        Assert.Equal(RunStatus.Partial, world.Completed[0].Summary.Status);
    }

    [Fact]
    public async Task LoadRange_SplitRequired_ReplansTheWindowFinerAndNeverRetriesItAsIs()
    {
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 2 };
        var whole = Interval.FromUtc(From, To);
        var first = new Interval(whole.Start, whole.Start + (whole.Length / 2));
        world.Ingest = input => input.Window == first
            ? new WindowResult { Status = WindowStatus.SplitRequired, Window = input.Window, SplitReason = "PartialError" }
            : World.Complete(input);

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(1, summary.Splits);
        Assert.Single(world.Context.Inputs<IngestWindowInput>(ActivityNames.IngestWindow), i => i.Window == first);
        var replan = world.Context.Inputs<PlanWindowsInput>(ActivityNames.PlanWindows).Last();
        Assert.Equal([first], replan.Spans);
        Assert.Equal(world.Config.Limits.MaxRows / 2, replan.Limits.MaxRows);
        Assert.Equal([whole], IntervalSet.Of(world.Checkpoints.Select(c => c.Result.Window)).Intervals);
        Assert.Equal(1 + 2, summary.WindowsCompleted); // the untouched half, and the two halves of the split one
        Assert.Equal(summary.WindowsCompleted, summary.WindowsPlanned);
    }

    [Fact]
    public async Task LoadRange_WindowTimesOutAfterEveryRetry_IsCutFinerAndCompletes()
    {
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 1 };
        var whole = Interval.FromUtc(From, To);
        world.Ingest = input => input.Window == whole
            ? throw new LogIngestException(ErrorCodes.Timeout, "504: the query ran past Prefer: wait")
            : World.Complete(input);

        var summary = await world.RunAsync(new WorkflowRetryPolicy { MaxRetries = 1, FirstDelay = TimeSpan.Zero });

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(1, summary.Splits);
        Assert.Equal([whole], IntervalSet.Of(world.Checkpoints.Select(c => c.Result.Window)).Intervals);
    }

    [Fact]
    public async Task LoadRange_ServerErrorsEverywhere_StopsCuttingAndFails()
    {
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 1 };
        world.Ingest = _ => throw new LogIngestException(ErrorCodes.Unavailable, "503");

        var summary = await world.RunAsync(new WorkflowRetryPolicy { MaxRetries = 0 });

        Assert.Equal(RunStatus.Failed, summary.Status);
        // 1 window, cut into 2, each cut into 2 again: 4 failed windows, no further multiplication.
        Assert.Equal(4, summary.WindowsFailed);
        Assert.Equal(1 + 2 + 4, world.Context.CallCount(ActivityNames.IngestWindow));
    }

    [Fact]
    public async Task LoadRange_TruncatedKeySlice_IsReplacedByTwoSlicesOfTwiceTheModulus()
    {
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 1 };
        var slice = new KeySplit(4, 1);
        world.Context.On<PlanWindowsInput, PlanWindowsResult>(ActivityNames.PlanWindows, input => new PlanWindowsResult(
            [new PlannedWindow(input.Spans[0], 1, 1, BoundaryReason.Instant, BoundaryReason.Instant, slice)], [], 1));
        world.Ingest = input => input.Split == slice
            ? new WindowResult { Status = WindowStatus.SplitRequired, Window = input.Window, Split = input.Split }
            : World.Complete(input);

        var summary = await world.RunAsync();

        Assert.Equal([new KeySplit(8, 1), new KeySplit(8, 5)], world.Checkpoints.Select(c => c.Result.Split!.Value).OrderBy(s => s.Remainder));
        Assert.Equal(RunStatus.Succeeded, summary.Status);
    }

    [Fact]
    public async Task LoadRun_RangeAlreadyCheckpointed_PlansNothingAndSucceeds()
    {
        var world = new World { Coverage = [Interval.FromUtc(From.AddDays(-1), To.AddDays(1))] };

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        Assert.Equal(0, summary.Ranges);
        Assert.Equal(0, world.Context.CallCount(ActivityNames.PlanWindows));
        Assert.Equal(0, world.Context.CallCount(ActivityNames.IngestWindow));
        Assert.Single(world.Completed);
    }

    [Fact]
    public async Task LoadRun_ARangeWorkflowThrows_OtherRangesStandAndTheRunStillCompletes()
    {
        var world = new World(Config(parallelism: 2)) { WindowsPerSpan = 2 };
        world.Context.Workflow<LoadRangeInput, RangeResult>(LoadRangeWorkflow.Name, (context, input) =>
            input.Range.Index == 0 ? throw new InvalidOperationException("host fault") : LoadRangeWorkflow.RunAsync(context, input));

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Partial, summary.Status);
        Assert.Equal(2, summary.WindowsCompleted);
        Assert.Contains(summary.Failed, f => f.Code == ErrorCodes.Unknown && f.Message.Contains("host fault", StringComparison.Ordinal));
        Assert.Equal(RunStatus.Partial, Assert.Single(world.Completed).Summary.Status);
    }

    [Fact]
    public async Task LoadRun_UnknownConfig_FailsWithoutWritingAnything()
    {
        var world = new World();
        world.Context.On<string, LoadedConfig>(ActivityNames.LoadConfig, id => throw new LogIngestException(ErrorCodes.NotFound, "no config " + id));

        var summary = await world.RunAsync();

        Assert.Equal(RunStatus.Failed, summary.Status);
        Assert.Equal(ErrorCodes.NotFound, summary.Error!.Code);
        Assert.Equal(0, world.Context.CallCount(ActivityNames.StartRun));
        Assert.Empty(world.Completed);
    }

    [Fact]
    public async Task LoadRange_StopRequested_StopsStartingWindowsAndIsPartial()
    {
        var started = 0;
        var world = new World(Config(parallelism: 1)) { WindowsPerSpan = 6 };
        world.Ingest = input => Interlocked.Increment(ref started) > 2
            ? throw new LogIngestException(ErrorCodes.Stopped, "stop")
            : World.Complete(input);

        var summary = await world.RunAsync(width: 1);

        Assert.Equal(RunStatus.Partial, summary.Status);
        Assert.Equal(2, summary.WindowsCompleted);
        Assert.Equal(4, summary.WindowsStopped);
        Assert.Empty(summary.Failed);
        Assert.Equal(3, world.Context.CallCount(ActivityNames.IngestWindow));
    }
}
