using System.Globalization;
using System.Text.Json.Nodes;
using LogIngest.Core.Activities;
using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Core.Reporting;

/// <summary>Turns a run's audit rows and events (as <see cref="Ports.IRunEventStore.ReadRunAsync"/> answers them) into a <see cref="RunReport"/>; a pure function.</summary>
public static class RunReportBuilder
{
    /// <summary>At most this many throughput points, so a long run's chart stays readable.</summary>
    public const int ThroughputBuckets = 40;

    public static RunReport Build(IReadOnlyList<RunEvent> events, LoadConfig? config = null, CoverageReport? reconciliation = null, string? reconciliationSkipped = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("A run report needs the run's events; none were given.", nameof(events));
        }

        var start = events.FirstOrDefault(e => e.EventType == RunEventTypes.RunStart);
        var end = events.LastOrDefault(e => e.EventType == RunEventTypes.RunEnd);
        var parent = events.LastOrDefault(e => e.EventType == RunEventTypes.Parent);
        var startedAt = start?.Start ?? start?.Timestamp ?? events.Min(e => e.Start ?? e.Timestamp);
        var endedAt = end?.End ?? end?.Timestamp;

        var ranges = events
            .Where(e => e.EventType == RunEventTypes.Job && e.Window is not null)
            .Select(e => new RangeReport(
                RangeIndexOf(e.EventId), Utc(e.Window!.Value.Start), Utc(e.Window.Value.End), StatusText(e.Status), e.Rows ?? 0, e.Bytes ?? 0, e.SourceRows, e.Start, e.End, e.Message))
            .OrderBy(r => r.Index)
            .ToList();

        var windows = events
            .Where(e => e.EventType == RunEventTypes.Window && e.Window is not null)
            .Select(e => Window(e, ranges))
            .OrderBy(w => w.EndedAt).ThenBy(w => w.From)
            .ToList();
        var done = windows.Where(w => w.Status == WindowStatuses.Succeeded).ToList();

        return new RunReport
        {
            RunId = events[0].RunId,
            ConfigId = events[0].ConfigId,
            Status = end?.Status is { } s ? StatusText(s) : StatusText(RunStatus.Running),
            StartedAt = startedAt,
            EndedAt = endedAt,
            DurationSeconds = endedAt is { } e ? Math.Round((e - startedAt).TotalSeconds, 3) : null,
            Axis = config?.Axis.ToString(),
            RequestedFrom = start?.Window is { } requested ? Utc(requested.Start) : null,
            RequestedTo = start?.Window is { } r ? Utc(r.End) : null,
            Totals = new ReportTotals
            {
                Windows = done.Count,
                WindowsFailed = windows.Count(w => w.Status == WindowStatuses.Failed),
                Splits = windows.Count(w => w.Status == WindowStatuses.Split),
                Retries = windows.Sum(w => Math.Max(0, w.Attempts - 1)),
                RetriedWindows = windows.Count(w => w.Attempts > 1),
                Rows = done.Sum(w => w.Rows),
                Bytes = done.Sum(w => w.Bytes),
                ParentRows = parent?.Rows,
                ParentBytes = parent?.Bytes,
            },
            Ranges = ranges,
            Windows = windows,
            RowsPerDay = [.. done.GroupBy(w => DateOnly.FromDateTime(w.From.UtcDateTime)).OrderBy(g => g.Key).Select(g => new DayRows(g.Key, g.Sum(w => w.Rows)))],
            Throughput = Throughput(done),
            Errors = [.. events.Where(e => e.EventType == RunEventTypes.Error && e.Error is not null).Select(e => new ErrorReport(
                e.Error!.Code, e.Error.Message, e.Error.Retryable, e.Window is { } w ? Utc(w.Start) : null, e.Window is { } x ? Utc(x.End) : null, e.Attempt > 0 ? e.Attempt : null))],
            Reconciliation = reconciliation,
            ReconciliationSkipped = reconciliation is null ? reconciliationSkipped ?? "not computed" : null,
            Config = config is null ? [] : ConfigFields(config),
        };
    }

    /// <summary>The config as dotted name/value pairs from its stored JSON; a field whose name looks like a secret is shown as hidden.</summary>
    public static IReadOnlyList<ReportField> ConfigFields(LoadConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Fields(JsonNode.Parse(ConfigJson.Serialize(config)));
    }

    /// <summary>Dotted name/value pairs of a JSON value (arrays joined by commas); secret-looking names hidden.</summary>
    public static IReadOnlyList<ReportField> Fields(JsonNode? node)
    {
        var fields = new List<ReportField>();
        Flatten(node, string.Empty, fields);
        return fields;
    }

    /// <summary>A one-run list entry from the same events the report reads.</summary>
    public static RunListEntry Entry(RunRecord run, IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(events);
        var parent = events.LastOrDefault(e => e.EventType == RunEventTypes.Parent);
        var rows = parent?.Rows ?? events.Where(e => e.EventType == RunEventTypes.Window && e.Status == RunStatus.Succeeded).Sum(e => e.Rows ?? 0);
        var bytes = parent?.Bytes ?? events.Where(e => e.EventType == RunEventTypes.Window && e.Status == RunStatus.Succeeded).Sum(e => e.Bytes ?? 0);
        return new RunListEntry
        {
            RunId = run.RunId,
            ConfigId = run.ConfigId,
            Status = StatusText(run.Status),
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
            DurationSeconds = run.EndedAt is { } end ? Math.Round((end - run.StartedAt).TotalSeconds, 3) : null,
            Rows = rows,
            Bytes = bytes,
            WindowsFailed = events.Count(e => e.EventType == RunEventTypes.Window && e.Status == RunStatus.Failed),
            Errors = events.Count(e => e.EventType == RunEventTypes.Error),
            SlaMissed = run.SlaMissed,
        };
    }

    public static string StatusText(RunStatus? status) => (status ?? RunStatus.Running).ToString().ToUpperInvariant();

    private static WindowReport Window(RunEvent e, IReadOnlyList<RangeReport> ranges)
    {
        var span = e.Window!.Value;
        var status = e.Status switch
        {
            RunStatus.Succeeded => WindowStatuses.Succeeded,
            RunStatus.Failed => WindowStatuses.Failed,
            _ => WindowStatuses.Split, // a WINDOW row without a final status records a cut (or, earlier, a truncated result)
        };
        var from = Utc(span.Start);
        return new WindowReport
        {
            Range = ranges.FirstOrDefault(r => r.From <= from && from < r.To)?.Index,
            From = from,
            To = Utc(span.End),
            Split = SliceOf(e.EventId),
            Status = status,
            StartedAt = e.Start,
            EndedAt = e.End ?? e.Timestamp,
            Rows = status == WindowStatuses.Succeeded ? e.Rows ?? 0 : 0,
            Bytes = status == WindowStatuses.Succeeded ? e.Bytes ?? 0 : 0,
            Attempts = e.Attempt,
            Message = e.Error?.Message ?? e.Message,
        };
    }

    // Rows per second in equal slices of the wall time the completed windows ran, each window's rows spread evenly over its run.
    private static IReadOnlyList<ThroughputPoint> Throughput(IReadOnlyList<WindowReport> done)
    {
        var timed = done.Where(w => w.StartedAt is not null).ToList();
        if (timed.Count == 0)
        {
            return [];
        }

        var first = timed.Min(w => w.StartedAt!.Value);
        var last = timed.Max(w => w.EndedAt);
        var total = Math.Max((last - first).Ticks, TimeSpan.TicksPerSecond);
        var count = (int)Math.Clamp(total / TimeSpan.TicksPerSecond, 1, ThroughputBuckets);
        var width = total / (double)count;
        var rows = new double[count];
        foreach (var w in timed)
        {
            var a = (w.StartedAt!.Value - first).Ticks;
            var b = Math.Max(a + 1, (w.EndedAt - first).Ticks);
            for (var i = (int)Math.Min(count - 1, a / width); i < count && i * width < b; i++)
            {
                var overlap = Math.Min(b, (i + 1) * width) - Math.Max(a, i * width);
                rows[i] += w.Rows * Math.Max(0, overlap) / (b - a);
            }
        }

        var seconds = width / TimeSpan.TicksPerSecond;
        return [.. rows.Select((r, i) => new ThroughputPoint(first.AddTicks((long)(i * width)), first.AddTicks((long)((i + 1) * width)), Math.Round(r / seconds, 1)))];
    }

    private static void Flatten(JsonNode? node, string name, List<ReportField> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var path = name.Length == 0 ? key : name + "." + key;
                    if (LooksSecret(key))
                    {
                        fields.Add(new ReportField(path, "(hidden)"));
                    }
                    else
                    {
                        Flatten(value, path, fields);
                    }
                }

                break;
            case JsonArray array:
                fields.Add(new ReportField(name, string.Join(", ", array.Select(v => v?.ToString() ?? "null"))));
                break;
            case null:
                fields.Add(new ReportField(name, null));
                break;
            default:
                fields.Add(new ReportField(name, node.ToString()));
                break;
        }
    }

    private static readonly string[] SecretWords = ["secret", "password", "token", "connection", "accountkey", "sas", "credential"];

    private static bool LooksSecret(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static int RangeIndexOf(string eventId) =>
        int.TryParse(eventId.AsSpan(eventId.LastIndexOf(':') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;

    // Window event ids end with the checkpoint key, whose key slice (if any) is its last part: t-{start}-{end}-k1of4.
    private static string? SliceOf(string eventId)
    {
        var tail = eventId.EndsWith(":split", StringComparison.Ordinal) ? eventId[..^6] : eventId;
        var dash = tail.LastIndexOf('-');
        return dash >= 0 && tail.AsSpan(dash + 1).StartsWith("k") && tail.AsSpan(dash + 1).Contains("of", StringComparison.Ordinal) ? tail[(dash + 1)..] : null;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}

/// <summary>The statuses a <see cref="WindowReport"/> may carry.</summary>
public static class WindowStatuses
{
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Split = "SPLIT";
}
