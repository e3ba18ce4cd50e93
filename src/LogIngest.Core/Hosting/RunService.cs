using System.Collections.Concurrent;
using System.Diagnostics;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>
/// Starts runs for a host (the CLI, tests; the Functions host starts them through Durable): saves
/// configs, makes run ids, runs <see cref="LoadRunWorkflow"/> on the <see cref="InProcessWorkflowHost"/>
/// with a stop and an abort token, and turns the workflows' custom status into <see cref="RunProgress"/>.
/// </summary>
public sealed class RunService
{
    private readonly InProcessWorkflowHost _host;
    private readonly WorkflowStatusFeed _feed;
    private readonly IControlStore _control;
    private readonly QueryGate _gate;
    private readonly LogIngestOptions _options;
    private readonly TimeProvider _time;

    public RunService(InProcessWorkflowHost host, WorkflowStatusFeed feed, IControlStore control, QueryGate gate, LogIngestOptions options, TimeProvider time)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _feed = feed ?? throw new ArgumentNullException(nameof(feed));
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>A new run id for a config, started now (<see cref="RunIds.NewRun"/>).</summary>
    public string NewRunId(string configId) => RunIds.NewRun(configId, _time.GetUtcNow());

    /// <summary>
    /// Validates and stores a config (creating it, or replacing its config part while keeping its
    /// status, watermark and checkpoints). Throws C301 naming every bad field, and then stores nothing.
    /// </summary>
    public Task<ControlDocument> SaveConfigAsync(LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ConfigSaving.SaveAsync(_control, config, cancellationToken);
    }

    /// <summary>Runs one config to its end (or its clean stop) and answers what it did.</summary>
    public async Task<RunOutcome> RunAsync(string configId, RunRequest? request = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        request ??= new RunRequest();
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
        var input = new LoadRunInput(configId, runId) { Retry = _options.Retry, WindowWidth = _options.WindowWidth };
        var summary = await _host.RunAsync<RunSummary>(LoadRunWorkflow.Name, runId, input, request.StopToken, request.AbortToken).ConfigureAwait(false);
        return new RunOutcome(summary, _gate.Queries - queries, _gate.HistogramQueries - histograms, _gate.CountQueries - counts, clock.Elapsed);
    }
}
