using System.Collections.Concurrent;
using System.Diagnostics;
using LogIngest.Core.Observability;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>
/// The in-process engine (the CLI, tests; the Functions host runs on Durable): runs
/// <see cref="LoadRunWorkflow"/> on the <see cref="InProcessWorkflowHost"/> with a stop and an abort
/// token, one run per config at a time, and turns the workflows' custom status into
/// <see cref="RunProgress"/>. Configs are stored through <see cref="RunLauncher"/>, as every host does.
/// </summary>
public sealed class RunService : IRunEngine
{
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Task<RunOutcome> Task, CancellationTokenSource Abort)> _background = new(StringComparer.Ordinal);
    private readonly RunLauncher _launcher;
    private readonly InProcessWorkflowHost _host;
    private readonly WorkflowStatusFeed _feed;
    private readonly QueryGate _gate;
    private readonly TimeProvider _time;

    public RunService(InProcessWorkflowHost host, WorkflowStatusFeed feed, QueryGate gate, TimeProvider time, RunLauncher launcher)
    {
        _launcher = launcher ?? throw new ArgumentNullException(nameof(launcher));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _feed = feed ?? throw new ArgumentNullException(nameof(feed));
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>A new run id for a config, started now (<see cref="RunIds.NewRun"/>).</summary>
    public string NewRunId(string configId) => RunIds.NewRun(configId, _time.GetUtcNow());

    /// <summary>
    /// Validates and stores a config (creating it, or replacing its config part while keeping its
    /// status, watermark and checkpoints). Throws C301 naming every bad field, and then stores nothing.
    /// </summary>
    public Task<ControlDocument> SaveConfigAsync(LoadConfig config, CancellationToken cancellationToken = default) =>
        _launcher.SaveAsync(this, config, cancellationToken);

    /// <summary>Forgets a stored config and its checkpoints (R402 when unknown, R409 while a run of it is in flight here).</summary>
    public Task DeleteConfigAsync(string configId, CancellationToken cancellationToken = default) =>
        _launcher.DeleteAsync(this, configId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsInFlightAsync(string configId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_inFlight.ContainsKey(configId));

    /// <summary>
    /// Starts the run in the background (false when a run of the config is in flight here);
    /// <see cref="WaitAsync"/> answers its outcome, <see cref="Terminate"/> abandons it.
    /// </summary>
    public Task<bool> TryStartAsync(LoadRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_inFlight.TryAdd(input.ConfigId, 0))
        {
            return Task.FromResult(false);
        }

        var abort = new CancellationTokenSource();
        var run = Task.Run(() => RunEnteredAsync(input.ConfigId, new RunRequest { RunId = input.RunId, AbortToken = abort.Token }), CancellationToken.None);
        _ = run.ContinueWith(_ => abort.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _background[input.RunId] = (run, abort);
        return Task.FromResult(true);
    }

    /// <summary>The outcome of a run started by <see cref="TryStartAsync"/>.</summary>
    public Task<RunOutcome> WaitAsync(string runId) =>
        _background.TryGetValue(runId, out var run)
            ? run.Task
            : throw new InvalidOperationException($"No run '{runId}' was started in the background here.");

    /// <summary>Abandons a run started by <see cref="TryStartAsync"/> at once, as a killed process would (a rerun resumes from checkpoints).</summary>
    public void Terminate(string runId)
    {
        if (_background.TryGetValue(runId, out var run))
        {
            try
            {
                run.Abort.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It has ended already.
            }
        }
    }

    /// <summary>Runs one config to its end (or its clean stop) and answers what it did; R409 when a run of it is already in flight here.</summary>
    public Task<RunOutcome> RunAsync(string configId, RunRequest? request = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return _inFlight.TryAdd(configId, 0)
            ? RunEnteredAsync(configId, request ?? new RunRequest())
            : throw new LogIngestException(ErrorCodes.Conflict, $"A run of '{configId}' is still in flight in this process; wait for it to end.");
    }

    // The config's in-flight mark is taken; it is given back when the run ends, however it ends.
    private async Task<RunOutcome> RunEnteredAsync(string configId, RunRequest request)
    {
        try
        {
            return await RunOnHostAsync(configId, request).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(configId, out _);
        }
    }

    private async Task<RunOutcome> RunOnHostAsync(string configId, RunRequest request)
    {
        var runId = request.RunId ?? NewRunId(configId);
        var ranges = new ConcurrentDictionary<int, RangeProgress>();
        var lockObject = new object();
        using var watch = request.Progress is null
            ? null
            : _feed.Watch(runId, (_, status) =>
            {
                if (status is RangeProgress range)
                {
                    // One report at a time, so totals never go backwards for the watcher.
                    lock (lockObject)
                    {
                        ranges[range.RangeIndex] = range;
                        request.Progress.Report(RunProgress.Fold(runId, range, ranges.Values));
                    }
                }
            });

        var queries = _gate.Queries;
        var histograms = _gate.HistogramQueries;
        var counts = _gate.CountQueries;
        var clock = Stopwatch.StartNew();
        var input = _launcher.NewInput(configId) with { RunId = runId };
        var summary = await _host.RunAsync<RunSummary>(LoadRunWorkflow.Name, runId, input, request.StopToken, request.AbortToken).ConfigureAwait(false);
        return new RunOutcome(summary, _gate.Queries - queries, _gate.HistogramQueries - histograms, _gate.CountQueries - counts, clock.Elapsed);
    }
}
