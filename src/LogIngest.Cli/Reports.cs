using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Verification;

namespace LogIngest.Cli;

/// <summary>How commands print runs, reconciliations and verification: plain text for people, one JSON object for machines.</summary>
public static class Reports
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteJson(TextWriter output, JsonObject value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        output.WriteLine(value.ToJsonString(Indented));
    }

    public static string Time(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Span(Interval? span) => span is { } s ? $"[{Time(s.Start)}, {Time(s.End)})" : "-";

    public static JsonObject RunJson(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var s = outcome.Summary;
        return new JsonObject
        {
            ["run_id"] = s.RunId,
            ["config_id"] = s.ConfigId,
            ["parent_run_id"] = s.ParentRunId,
            ["status"] = s.Status.ToString().ToUpperInvariant(),
            ["sla_missed"] = s.SlaMissed,
            ["axis"] = s.Axis.ToString(),
            ["requested_from"] = s.Requested is { } r ? Time(r.Start) : null,
            ["requested_to"] = s.Requested is { } q ? Time(q.End) : null,
            ["ranges"] = s.Ranges,
            ["windows"] = s.WindowsCompleted,
            ["windows_planned"] = s.WindowsPlanned,
            ["windows_failed"] = s.WindowsFailed,
            ["windows_stopped"] = s.WindowsStopped,
            ["splits"] = s.Splits,
            ["rows"] = s.Rows,
            ["files"] = s.Files,
            ["bytes"] = s.Bytes,
            ["queries"] = outcome.Queries,
            ["histogram_queries"] = outcome.HistogramQueries,
            ["count_queries"] = outcome.CountQueries,
            ["retries"] = s.Retries,
            ["duration_seconds"] = Math.Round(outcome.Duration.TotalSeconds, 3),
            ["error"] = s.Error is { } e ? new JsonObject { ["code"] = e.Code, ["message"] = e.Message } : null,
            ["failed_windows"] = new JsonArray([.. s.Failed.Select(f => (JsonNode)new JsonObject
            {
                ["from"] = Time(f.Window.Start),
                ["to"] = Time(f.Window.End),
                ["split"] = f.Split?.ToString(),
                ["code"] = f.Code,
                ["message"] = f.Message,
            })]),
        };
    }

    public static void WriteRun(TextWriter output, RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outcome);
        var s = outcome.Summary;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"run {s.RunId} of '{s.ConfigId}': {s.Status.ToString().ToUpperInvariant()}"));
        output.WriteLine(string.Create(c, $"  requested  {Span(s.Requested)} on {s.Axis}"));
        output.WriteLine(string.Create(c, $"  windows    {s.WindowsCompleted} new of {s.WindowsPlanned} planned in {s.Ranges} range(s); {s.WindowsFailed} failed, {s.WindowsStopped} stopped, {s.Splits} re-planned"));
        output.WriteLine(string.Create(c, $"  rows       {s.Rows:N0}"));
        output.WriteLine(string.Create(c, $"  files      {s.Files:N0} ({s.Bytes:N0} bytes)"));
        output.WriteLine(string.Create(c, $"  queries    {outcome.Queries:N0} ({outcome.HistogramQueries} histogram, {outcome.CountQueries} count, {outcome.Queries - outcome.HistogramQueries - outcome.CountQueries} window)"));
        output.WriteLine(string.Create(c, $"  retries    {s.Retries}"));
        output.WriteLine(string.Create(c, $"  duration   {outcome.Duration.TotalSeconds:F1} s"));
        if (s.Error is { } error)
        {
            output.WriteLine($"  error      {error.Code}: {error.Message}");
        }

        foreach (var failed in s.Failed.Take(10))
        {
            output.WriteLine($"  failed     {Span(failed.Window)}{(failed.Split is { } k ? " " + k : string.Empty)} {failed.Code}: {failed.Message}");
        }

        if (s.WindowsStopped > 0)
        {
            output.WriteLine("  stopped    run the same command again to load the rest (done windows are skipped)");
        }
    }

    public static JsonObject ReconciliationJson(Reconciliation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["rows_source"] = r.SourceRows,
            ["rows_lake"] = r.LakeRows,
            ["distinct_keys"] = r.DistinctKeys,
            ["lake_files"] = r.Files,
            ["reconciled"] = r.Exact,
        };
    }

    public static void WriteReconciliation(TextWriter output, Reconciliation r)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"reconciliation over {Span(r.Span)} on {r.Axis}"));
        output.WriteLine(string.Create(c, $"  source rows    {r.SourceRows:N0}"));
        output.WriteLine(string.Create(c, $"  lake rows      {r.LakeRows:N0} in {r.Files} files"));
        output.WriteLine(string.Create(c, $"  distinct keys  {r.DistinctKeys:N0}"));
        output.WriteLine(r switch
        {
            { Exact: true } => "  result         exact (source = lake = distinct keys)",
            _ when r.LakeRows == r.DistinctKeys && r.LakeRows < r.SourceRows =>
                string.Create(c, $"  result         INCOMPLETE: {r.SourceRows - r.LakeRows:N0} source rows are not in the lake yet (run again to load them)"),
            _ => "  result         MISMATCH (see: logingest verify)",
        });
    }

    /// <summary>
    /// What the CLI itself can do about a finding, as commands to type: forget the span's checkpoints and
    /// files, then load it again. Null when no command of the CLI fixes it (the source could not be asked).
    /// </summary>
    public static string? FixFor(VerificationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.ConfigId is not { } id || finding.Kind == FindingKinds.SourceUnavailable)
        {
            return null;
        }

        var span = finding.Window is { } w ? $" --from {Time(w.Start)} --to {Time(w.End)}" : string.Empty;
        return $"logingest reset --config {id}{span} && logingest run --config {id}";
    }

    public static JsonObject VerificationJson(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["ok"] = report.Ok,
            ["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["kind"] = f.Kind,
                ["message"] = f.Message,
                ["config_id"] = f.ConfigId,
                ["path"] = f.Path,
                ["from"] = f.Window is { } w ? Time(w.Start) : null,
                ["to"] = f.Window is { } x ? Time(x.End) : null,
                ["expected"] = f.Expected,
                ["actual"] = f.Actual,
                ["fix"] = FixFor(f),
            })]),
            ["configs"] = report.Configs,
            ["checkpoints"] = report.Checkpoints,
            ["files"] = report.Files,
            ["rows_lake"] = report.LakeRows,
            ["distinct_keys"] = report.DistinctKeys,
            ["reconciliations"] = new JsonArray([.. report.Reconciliations.Select(r => (JsonNode)new JsonObject
            {
                ["config_id"] = r.ConfigId,
                ["axis"] = r.Axis.ToString(),
                ["coverage"] = new JsonArray([.. r.Coverage.Select(i => (JsonNode)new JsonObject { ["from"] = Time(i.Start), ["to"] = Time(i.End) })]),
                ["rows_source"] = r.SourceRows,
                ["rows_lake"] = r.LakeRows,
                ["distinct_keys"] = r.DistinctKeys,
            })]),
            ["skipped"] = new JsonArray([.. report.Skipped.Select(s => (JsonNode)JsonValue.Create(s))]),
        };
    }

    public static void WriteVerification(TextWriter output, VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"verified {report.Configs} config(s), {report.Checkpoints} checkpoint(s), {report.Files} lake file(s)"));
        output.WriteLine(string.Create(c, $"  lake rows {report.LakeRows:N0}, distinct keys {report.DistinctKeys:N0}"));
        foreach (var r in report.Reconciliations)
        {
            output.WriteLine(string.Create(c, $"  '{r.ConfigId}': source {r.SourceRows:N0} rows over {r.Coverage.Count} covered span(s) on {r.Axis}; lake {r.LakeRows:N0}; keys {r.DistinctKeys:N0}"));
        }

        foreach (var skipped in report.Skipped)
        {
            output.WriteLine($"  not checked: {skipped}");
        }

        foreach (var finding in report.Findings)
        {
            output.WriteLine($"  [{finding.Kind}] {finding.Message}");
            if (FixFor(finding) is { } fix)
            {
                output.WriteLine($"      fix: {fix}");
            }
        }

        output.WriteLine(report.Ok ? "OK: no findings" : string.Create(c, $"FAILED: {report.Findings.Count} finding(s)"));
    }
}
