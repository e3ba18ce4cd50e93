using System.Diagnostics;
using LogIngest.Core.Activities;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Capacity;

/// <summary>
/// Projects a backfill without loading it: runs the real <see cref="LoadRunWorkflow"/> and
/// <see cref="LoadRangeWorkflow"/> from <see cref="WorkflowCatalog"/> on a virtual-time
/// <see cref="WorkflowContext"/>. Planning is real: <see cref="PlanWindowsActivity"/> asks the source its
/// histograms (timed), and the windows, ranges, re-plans and counts follow from the workflows' own
/// decisions. Every query is then charged in virtual time by a <see cref="QueryCostModel"/> while holding
/// one of the query gate's slots (<see cref="VirtualQuerySlots"/>); nothing else takes virtual time, and
/// the state and lake activities answer without being run, so nothing is stored or written.
/// </summary>
public sealed class BackfillSimulation
{
    private readonly ILogSource _source;
    private readonly QueryCostModel _model;
    private readonly LogIngestOptions _options;

    /// <param name="source">The source planning asks (histogram queries only), e.g. ungated: it issues a handful.</param>
    /// <param name="model">What each query costs in virtual time.</param>
    /// <param name="options">The host settings to assume: its query cap (the slots), window width and retry policy. Default the host's defaults.</param>
    public BackfillSimulation(ILogSource source, QueryCostModel model, LogIngestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        _source = source;
        _model = model;
        _options = options ?? new LogIngestOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrentQueries, 1, "LogIngestOptions.MaxConcurrentQueries");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WindowWidth, 1, "LogIngestOptions.WindowWidth");
    }

    /// <summary>
    /// Projects a run of <paramref name="config"/> started at <paramref name="now"/> over a state whose
    /// checkpoints cover <paramref name="coverage"/> (on the config's axis). A planning failure (an unknown
    /// table, a rejected filter, a missing sign-in) is thrown as the source threw it.
    /// </summary>
    public Task<BackfillProjection> ProjectAsync(
        LoadConfig config, IReadOnlyList<Interval> coverage, DateTimeOffset now, DateTimeOffset? watermark = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(coverage);

        // The scheduler owns its thread while the run lasts: virtual time moves only when that thread has nothing to do.
        return Task.Factory.StartNew(
            () => new Session(this, config, coverage, now, watermark, cancellationToken).Run(),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Projects with a model fitted to the source's own latencies: a first pass times the real planning
    /// queries (<see cref="QueryCostModel.Fit"/>, with <paramref name="returnSecondsPerMillionRows"/> for what
    /// histograms cannot show), a second charges the fitted model, its queries answered from the first pass's.
    /// </summary>
    public static async Task<BackfillProjection> ProjectFittedAsync(
        ILogSource source,
        double returnSecondsPerMillionRows,
        LoadConfig config,
        IReadOnlyList<Interval> coverage,
        DateTimeOffset now,
        DateTimeOffset? watermark = null,
        LogIngestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var recorded = new RecordedLogSource(source);
        var timing = await new BackfillSimulation(recorded, QueryCostModel.None, options).ProjectAsync(config, coverage, now, watermark, cancellationToken).ConfigureAwait(false);
        if (timing.Measured.Count == 0)
        {
            return timing; // nothing to plan: nothing was asked, nothing to fit
        }

        var model = QueryCostModel.Fit(timing.Measured, returnSecondsPerMillionRows);
        var projected = await new BackfillSimulation(recorded, model, options).ProjectAsync(config, coverage, now, watermark, cancellationToken).ConfigureAwait(false);
        return projected with { Measured = timing.Measured, Took = timing.Took + projected.Took };
    }

    // Answers a query asked before from its first answer, so a second pass asks the source nothing.
    private sealed class RecordedLogSource(ILogSource inner) : ILogSource
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<LogHistogramQuery, Lazy<Task<IReadOnlyList<HistogramBin>>>> _histograms = new();

        public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) =>
            _histograms.GetOrAdd(query, q => new Lazy<Task<IReadOnlyList<HistogramBin>>>(() => inner.GetHistogramAsync(q, cancellationToken))).Value;

        public Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

        public IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
    }

    private sealed class Session
    {
        private readonly BackfillSimulation _owner;
        private readonly LoadConfig _config;
        private readonly IReadOnlyList<Interval> _coverage;
        private readonly DateTimeOffset? _watermark;
        private readonly CancellationToken _cancellationToken;
        private readonly VirtualTimeScheduler _scheduler;
        private readonly VirtualQuerySlots _slots;
        private readonly Dictionary<(Interval Span, KeySplit? Split), (long Rows, long Bytes)> _estimates = [];
        private readonly List<(Interval Span, KeySplit? Split, long Rows)> _loaded = [];
        private readonly Dictionary<string, int> _activities = new(StringComparer.Ordinal);
        private readonly List<QueryTiming> _measured = [];
        private Exception? _planningFailure;
        private long _gapTicks;
        private int _histograms;
        private int _counts;
        private int _windows;

        public Session(BackfillSimulation owner, LoadConfig config, IReadOnlyList<Interval> coverage, DateTimeOffset now, DateTimeOffset? watermark, CancellationToken cancellationToken)
        {
            _watermark = watermark;
            _owner = owner;
            _config = config;
            _coverage = coverage;
            _cancellationToken = cancellationToken;
            _scheduler = new VirtualTimeScheduler(now);
            _slots = new VirtualQuerySlots(_scheduler, owner._options.MaxConcurrentQueries);
        }

        public BackfillProjection Run()
        {
            var clock = Stopwatch.StartNew();
            var input = new LoadRunInput(_config.Id, RunIds.NewRun(_config.Id, _scheduler.Now))
            {
                Retry = _owner._options.Retry,
                WindowWidth = _owner._options.WindowWidth,
            };
            var workflow = WorkflowCatalog.Workflow(LoadRunWorkflow.Name);
            var summary = (RunSummary)_scheduler.Run(() => workflow.RunAsync(new Context(this, input.RunId), input))!;
            if (_planningFailure is not null)
            {
                throw _planningFailure;
            }

            if (summary.Error is { } error)
            {
                throw new LogIngestException(error.Code, error.Message);
            }

            return new BackfillProjection
            {
                Requested = summary.Requested is { IsEmpty: false } requested ? requested : null,
                GapTicks = _gapTicks,
                Ranges = summary.Ranges,
                Windows = summary.WindowsCompleted,
                ExpectedSplits = summary.Splits,
                EstimatedRows = summary.Rows,
                EstimatedBytes = summary.Bytes,
                HistogramQueries = _histograms,
                CountQueries = _counts,
                WindowQueries = _windows,
                Activities = new Dictionary<string, int>(_activities, StringComparer.Ordinal),
                QuerySlots = _slots.Count,
                Projected = _scheduler.Elapsed,
                QueryTime = _slots.BusyTime,
                Model = _owner._model,
                Measured = [.. _measured],
                Took = clock.Elapsed,
            };
        }

        public async Task<object> CallActivityAsync(string name, object? input)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _activities[name] = _activities.GetValueOrDefault(name) + 1;
            return name switch
            {
                ActivityNames.LoadConfig => ActivityOutcome.Success(new LoadedConfig(_config, _watermark, RunStatus.Pending)),
                ActivityNames.LoadCheckpoints => ActivityOutcome.Success(_coverage),
                ActivityNames.StartRun => Started((StartRunInput)input!),
                ActivityNames.PlanWindows => await PlanAsync((PlanWindowsInput)input!),
                ActivityNames.IngestWindow => await IngestAsync((IngestWindowInput)input!),
                ActivityNames.CountWindow => await CountAsync((CountWindowInput)input!),
                ActivityNames.WriteCheckpoint => ActivityOutcome.Success(true),
                ActivityNames.RecordEmptySpans => ActivityOutcome.Success(((RecordEmptySpansInput)input!).Spans.Count),
                ActivityNames.WriteAudit => ActivityOutcome.Success(((IReadOnlyList<RunEvent>)input!).Count),
                ActivityNames.CompleteRun => ActivityOutcome.Success(true),
                ActivityNames.Heartbeat => ActivityOutcome.Success(true),
                _ => throw new InvalidOperationException($"The capacity simulation does not know activity '{name}'; add what it costs."),
            };
        }

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) => _scheduler.DelayAsync(delay, cancellationToken);

        public DateTime Now => _scheduler.Now.UtcDateTime;

        private ActivityOutcome<bool> Started(StartRunInput input)
        {
            _gapTicks = input.Gaps.Sum(g => g.Length);
            return ActivityOutcome.Success(true);
        }

        // The real planning activity on a timed source, off the scheduler's thread; then each of its histogram
        // queries, in order, holds a slot for what the model says it costs.
        private async Task<ActivityOutcome<PlanWindowsResult>> PlanAsync(PlanWindowsInput input)
        {
            var timed = new TimedLogSource(_owner._source);
            var activity = new PlanWindowsActivity(new OneSource(timed));
            PlanWindowsResult result;
            try
            {
                result = await _scheduler.ExternalAsync(() => activity.RunAsync(input, _cancellationToken));
            }
            catch (LogIngestException failed)
            {
                _planningFailure ??= failed;
                return ActivityOutcome.Failure<PlanWindowsResult>(new ActivityError(failed.Code, failed.Message));
            }

            foreach (var query in timed.Timings)
            {
                _measured.Add(query);
                _histograms++;
                await _slots.RunQueryAsync(_owner._model.Latency(QueryKind.Histogram, query.Rows));
            }

            foreach (var window in result.Windows)
            {
                _estimates[(window.Span, window.KeySplit)] = (window.EstimatedRows, window.EstimatedBytes);
            }

            return ActivityOutcome.Success(result);
        }

        // As IngestWindowActivity: a count, then the window's rows (cut at the API's limits, which answers a re-plan).
        private async Task<ActivityOutcome<WindowResult>> IngestAsync(IngestWindowInput input)
        {
            var (rows, bytes) = Estimate(input.Window, input.Split);
            _counts++;
            await _slots.RunQueryAsync(_owner._model.Latency(QueryKind.Count, rows));
            _windows++;
            var truncated = rows > WindowLimits.ApiMaxRows || bytes > WindowLimits.ApiMaxBytes;
            var returned = truncated ? Math.Min(rows, WindowLimits.ApiMaxRows) : rows;
            await _slots.RunQueryAsync(_owner._model.Latency(QueryKind.Window, returned));
            if (truncated)
            {
                return ActivityOutcome.Success(new WindowResult
                {
                    Status = WindowStatus.SplitRequired,
                    Window = input.Window,
                    Split = input.Split,
                    SourceCount = rows,
                    SplitReason = "estimated over the API's result limits",
                });
            }

            _loaded.Add((input.Window, input.Split, rows));
            return ActivityOutcome.Success(new WindowResult
            {
                Status = WindowStatus.Completed,
                Window = input.Window,
                Split = input.Split,
                Rows = rows,
                Bytes = bytes,
                SourceCount = rows,
            });
        }

        // The range's reconciliation count: what the windows inside it loaded.
        private async Task<ActivityOutcome<long>> CountAsync(CountWindowInput input)
        {
            var rows = _loaded.Where(w => input.Window.Contains(w.Span) && (input.Split is null || w.Split == input.Split)).Sum(w => w.Rows);
            _counts++;
            await _slots.RunQueryAsync(_owner._model.Latency(QueryKind.Count, rows));
            return ActivityOutcome.Success(rows);
        }

        // A key slice cut further (r of 2m) holds about half of the slice it came from (r mod m of m).
        private (long Rows, long Bytes) Estimate(Interval span, KeySplit? split)
        {
            if (_estimates.TryGetValue((span, split), out var known))
            {
                return known;
            }

            if (split is { Modulus: > 1 } slice && slice.Modulus % 2 == 0)
            {
                var half = slice.Modulus / 2;
                var (rows, bytes) = Estimate(span, new KeySplit(half, slice.Remainder % half));
                return ((rows + 1) / 2, (bytes + 1) / 2);
            }

            return (0, 0);
        }
    }

    private sealed class Context(Session session, string instanceId) : WorkflowContext
    {
        public override string InstanceId => instanceId;

        public override DateTime CurrentUtcDateTime => session.Now;

        public override bool IsReplaying => false;

        public override async Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input) =>
            (ActivityOutcome<TResult>)await session.CallActivityAsync(name, input);

        public override async Task<TResult> CallSubWorkflowAsync<TResult>(string name, string instanceId, object? input) =>
            (TResult)(await WorkflowCatalog.Workflow(name).RunAsync(new Context(session, instanceId), input))!;

        public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) => session.DelayAsync(delay, cancellationToken);

        public override ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

        public override void SetCustomStatus(object? status)
        {
        }
    }

    private sealed class OneSource(ILogSource source) : ILogSourceFactory
    {
        public ILogSource ForConfig(LoadConfig config) => source;
    }
}
