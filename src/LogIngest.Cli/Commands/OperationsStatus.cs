using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Operations;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Cli.Commands;

/// <summary>
/// What <c>status</c> says of operations, over the Core services: a run's parent, SLA and heartbeat
/// (<see cref="RunHealth"/>), the KPIs across runs (<see cref="RunKpis"/>), and who wrote a lake file
/// (<see cref="FileLineage"/>, <c>status --file</c>).
/// </summary>
internal static class OperationsStatus
{
    /// <summary>The fields a run's line adds: parent run, rows, bytes, SLA and, while it runs, its heartbeat.</summary>
    public static void AddRunFields(JsonObject run, RunRecord record, RunLiveness? liveness)
    {
        run["parent_run_id"] = record.ParentRunId;
        run["rows"] = record.Rows;
        run["bytes"] = record.Bytes;
        run["sla_missed"] = record.SlaMissed;
        run["heartbeat"] = liveness is null ? null : new JsonObject
        {
            ["last_seen"] = liveness.LastSeen.ToString("O", CultureInfo.InvariantCulture),
            ["interval_seconds"] = liveness.Interval.TotalSeconds,
            ["beats"] = liveness.Beats,
            ["silent_seconds"] = Math.Round(liveness.Silence.TotalSeconds, 1),
            ["stale"] = liveness.Stale,
        };
    }

    /// <summary>A run's flag in the text listing: empty unless its heartbeat is stale.</summary>
    public static string Flag(RunLiveness? liveness) => liveness is { Stale: true } l
        ? string.Create(CultureInfo.InvariantCulture, $"  STALE: no sign of life for {l.Silence:hh\\:mm\\:ss} (heartbeat every {l.Interval:hh\\:mm\\:ss}); its host may have died")
        : string.Empty;

    public static JsonObject KpisJson(RunKpiReport report) => new()
    {
        ["period_days"] = RunKpis.PeriodDays,
        ["at"] = report.At.ToString("O", CultureInfo.InvariantCulture),
        ["configs"] = new JsonArray([.. report.Configs.Select(k => (JsonNode)new JsonObject
        {
            ["config_id"] = k.ConfigId,
            ["runs_7d"] = k.Runs7Days,
            ["runs_30d"] = k.Runs30Days,
            ["success_rate_7d"] = k.SuccessRate7Days,
            ["success_rate_30d"] = k.SuccessRate30Days,
            ["duration_p50_seconds"] = k.DurationP50?.TotalSeconds,
            ["duration_p95_seconds"] = k.DurationP95?.TotalSeconds,
            ["mttr_seconds"] = k.MeanTimeToRecover?.TotalSeconds,
            ["recoveries"] = k.Recoveries,
            ["sla_misses"] = k.SlaMisses,
            ["per_day"] = new JsonArray([.. k.PerDay.Select(d => (JsonNode)new JsonObject
            {
                ["day"] = d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["rows"] = d.Rows,
                ["bytes"] = d.Bytes,
            })]),
        })]),
    };

    /// <summary>
    /// The lake key <c>--file</c> names: a file inside a folder lake (any path to it), or a key as the
    /// lake lists it. <see cref="InputException"/> when the lake has no such file.
    /// </summary>
    public static async Task<string> LakeKeyAsync(string value, CliServices host, CliEnvironment environment)
    {
        if (host.Lake.Folder is { } folder)
        {
            var full = environment.Resolve(value);
            var root = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
            if (full.StartsWith(root, StringComparison.Ordinal))
            {
                return File.Exists(full)
                    ? Path.GetRelativePath(folder, full).Replace(Path.DirectorySeparatorChar, '/')
                    : throw new InputException($"--file {value}: there is no such file in the lake {host.Lake.Display}.");
            }
        }

        var key = value.Replace('\\', '/').TrimStart('/');
        return await host.Get<ILakeStore>().ExistsAsync(key)
            ? key
            : throw new InputException($"--file {value}: the lake {host.Lake.Display} has no file of that name; give its path in the lake (e.g. loganalytics/OfficeActivity/year=2025/month=01/day=06/...parquet) or, for a folder lake, its path on disk.");
    }

    public static JsonObject LineageJson(FileLineageReport report) => new()
    {
        ["file"] = report.Path,
        ["agrees"] = report.Agrees,
        ["run_id"] = report.File?.RunId ?? report.Checkpoint?.RunId,
        ["parent_run_id"] = report.Run?.ParentRunId ?? report.WindowRow?.ParentRunId,
        ["config_id"] = report.File?.ConfigId ?? report.Checkpoint?.ConfigId,
        ["table"] = report.File?.Table,
        ["window"] = report.File?.WindowKey ?? report.Checkpoint?.Key,
        ["from"] = report.Checkpoint is { } c ? Reports.Time(c.Window.Start) : null,
        ["to"] = report.Checkpoint is { } d ? Reports.Time(d.Window.End) : null,
        ["query"] = report.File?.Query,
        ["query_sha256"] = report.File?.QueryHash,
        ["written_at"] = report.WrittenAt?.ToString("O", CultureInfo.InvariantCulture),
        ["rows"] = report.Checkpoint?.Rows,
        ["mismatches"] = new JsonArray([.. report.Mismatches.Select(m => (JsonNode)m)]),
    };

    public static void WriteLineage(TextWriter output, FileLineageReport report)
    {
        var json = LineageJson(report);
        output.WriteLine($"file {report.Path}");
        foreach (var field in new[] { "run_id", "parent_run_id", "config_id", "table", "window", "from", "to", "written_at", "rows", "query", "query_sha256" })
        {
            if (json[field] is { } value)
            {
                output.WriteLine($"  {field,-14} {value}");
            }
        }

        output.WriteLine(report.Agrees
            ? "  the file's footer, its checkpoint and the run's audit row agree"
            : "  MISMATCH: " + string.Join(Environment.NewLine + "  MISMATCH: ", report.Mismatches));
    }
}
