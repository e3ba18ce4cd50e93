using System.Globalization;
using LogIngest.Core.Observability;
using LogIngest.Core.Operations;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Streaming;
using LogIngest.Core.Verification;

namespace LogIngest.Core.Reporting;

/// <summary>
/// The application service behind <c>logingest report</c> and the Functions dashboard: reads a run's
/// audit rows and events, the recent runs and the stream watermarks from the state, and builds the
/// report models that <see cref="ReportPage"/> renders.
/// </summary>
public sealed class RunReports
{
    private readonly IControlStore _control;
    private readonly IRunEventStore _events;
    private readonly IStreamWatermarkStore _watermarks;
    private readonly ILakeStore _lake;
    private readonly LakeVerifier _verifier;
    private readonly TimeProvider _clock;
    private readonly RunKpis _kpis;

    public RunReports(IControlStore control, IRunEventStore events, IStreamWatermarkStore watermarks, ILakeStore lake, LakeVerifier verifier, TimeProvider clock, RunKpis kpis)
    {
        _kpis = kpis ?? throw new ArgumentNullException(nameof(kpis));
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _watermarks = watermarks ?? throw new ArgumentNullException(nameof(watermarks));
        _lake = lake ?? throw new ArgumentNullException(nameof(lake));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The id of the most recently started run, or null when no run started yet.</summary>
    public async Task<string?> LatestRunIdAsync(CancellationToken cancellationToken = default)
    {
        var runs = await _events.ListRecentRunsAsync(1, null, cancellationToken).ConfigureAwait(false);
        return runs.Count > 0 ? runs[0].RunId : null;
    }

    /// <summary>
    /// The report of one run; R402 when the run has no events. With <paramref name="reconcile"/>, the
    /// config's coverage is counted at the source and its table's lake files are read (what <c>verify</c>
    /// reconciles); a source that cannot answer leaves the reconciliation out with the reason.
    /// </summary>
    public async Task<RunReport> GetRunAsync(string runId, bool reconcile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var events = await _events.ReadRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            throw new LogIngestException(ErrorCodes.NotFound, $"Run '{runId}' has no events (see: logingest status).");
        }

        var config = (await _control.GetConfigAsync(events[0].ConfigId, cancellationToken).ConfigureAwait(false))?.Config;
        CoverageReport? coverage = null;
        string? skipped = null;
        if (!reconcile)
        {
            skipped = "not asked for";
        }
        else if (config is null)
        {
            skipped = $"config '{events[0].ConfigId}' is no longer stored";
        }
        else
        {
            try
            {
                var r = await _verifier.ReconcileCoverageAsync(config, cancellationToken).ConfigureAwait(false);
                coverage = new CoverageReport(r.Axis.ToString(), r.SourceRows, r.LakeRows, r.DistinctKeys, r.Coverage.Count);
            }
            catch (LogIngestException ex) when (ex.Code == ErrorCodes.Schema)
            {
                skipped = $"a lake file could not be read ({ex.Code}): {ex.Message}";
            }
            catch (LogIngestException ex)
            {
                skipped = $"the source could not count the coverage ({ex.Code}): {ex.Message}";
            }
        }

        return RunReportBuilder.Build(events, config, coverage, skipped);
    }

    /// <summary>The dashboard: the <paramref name="maxRuns"/> most recent runs (each from its own events) and every stream partition's watermark.</summary>
    public async Task<RunListReport> ListAsync(int maxRuns = 50, CancellationToken cancellationToken = default)
    {
        var runs = await _events.ListRecentRunsAsync(maxRuns, null, cancellationToken).ConfigureAwait(false);
        var entries = new List<RunListEntry>(runs.Count);
        foreach (var run in runs)
        {
            entries.Add(RunReportBuilder.Entry(run, await _events.ReadRunAsync(run.RunId, cancellationToken).ConfigureAwait(false)));
        }

        var streams = await StreamsAsync(cancellationToken).ConfigureAwait(false);
        var kpis = await _kpis.ComputeAsync(null, cancellationToken).ConfigureAwait(false);
        return new RunListReport
        {
            GeneratedAt = _clock.GetUtcNow(),
            Runs = entries,
            Kpis = KpiFields(kpis),
            Streams = [.. streams.Select(w => new StreamPartitionReport(w.Hub, w.PartitionId, w.SequenceNumber, w.EnqueuedAt, Math.Round(w.Lag.TotalSeconds, 3), w.UpdatedAt))],
        };
    }

    // What an on-call engineer asks first, one line per config over the KPI period.
    private static List<ReportField> KpiFields(RunKpiReport report)
    {
        static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "-";
        static string Span(TimeSpan? span) => span is { } t ? t.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : "-";
        return [.. report.Configs.Select(k => new ReportField(
            k.ConfigId,
            string.Create(CultureInfo.InvariantCulture,
                $"success {Percent(k.SuccessRate7Days)} (7 days, {k.Runs7Days} runs), {Percent(k.SuccessRate30Days)} ({RunKpis.PeriodDays} days, {k.Runs30Days} runs); " +
                $"duration p50 {Span(k.DurationP50)}, p95 {Span(k.DurationP95)}; mean time to recover {Span(k.MeanTimeToRecover)} ({k.Recoveries} recoveries); " +
                $"SLA missed {k.SlaMisses}; rows a day {(k.PerDay.Count > 0 ? k.PerDay.Average(d => d.Rows).ToString("N0", CultureInfo.InvariantCulture) : "-")}, " +
                $"bytes a day {(k.PerDay.Count > 0 ? k.PerDay.Average(d => d.Bytes).ToString("N0", CultureInfo.InvariantCulture) : "-")}")))];
    }

    /// <summary>The watermarks of every hub with bronze files in the lake, by hub then partition.</summary>
    public async Task<IReadOnlyList<StreamWatermark>> StreamsAsync(CancellationToken cancellationToken = default)
    {
        var inventory = await StreamInventory.ReadAsync(_lake, cancellationToken).ConfigureAwait(false);
        var list = new List<StreamWatermark>();
        foreach (var hub in inventory.Hubs)
        {
            list.AddRange(await _watermarks.ListStreamWatermarksAsync(hub, cancellationToken).ConfigureAwait(false));
        }

        return list;
    }
}
