using System.Globalization;
using System.Text;
using System.Xml;

namespace LogIngest.Core.Reporting;

/// <summary>
/// Renders a <see cref="RunReport"/> or a <see cref="RunListReport"/> as one self-contained HTML page:
/// inline CSS (light and dark schemes), inline SVG charts, no script, and a Content-Security-Policy that
/// lets the page load nothing. Written through <see cref="XmlWriter"/>, so every page is well-formed
/// XHTML as well as HTML (a polyglot) and every text and attribute is encoded: a table name or error
/// message holding markup comes out as text.
/// </summary>
public static class ReportPage
{
    private const string Xhtml = "http://www.w3.org/1999/xhtml";
    private const string Svg = "http://www.w3.org/2000/svg";

    // No '<', '>' or '&': the style element's text is written raw (HTML does not decode entities there).
    private const string Style = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
          --ok: #1a7f37; --fail: #cf222e; --split: #9a6700; --run: #0969da; --bar: #0969da; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
            --ok: #3fb950; --fail: #f85149; --split: #d29922; --run: #4493f8; --bar: #4493f8; } }
        * { box-sizing: border-box; }
        html { background: var(--bg); }
        body { margin: 0 auto; padding: 16px; max-width: 1200px; background: var(--bg); color: var(--fg);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
        h1 { font-size: 1.35em; margin: 0 0 4px; } h2 { font-size: 1.1em; margin: 24px 0 8px; }
        p { margin: 4px 0; } .muted { color: var(--muted); } code { font-size: 0.92em; }
        section { border-top: 1px solid var(--line); }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; margin: 12px 0; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
        .card b { display: block; font-size: 1.25em; font-variant-numeric: tabular-nums; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; width: 100%; }
        .scroll table { width: max-content; min-width: 100%; }
        .scroll th, .scroll td { white-space: nowrap; overflow-wrap: normal; }
        .scroll td.wrap { white-space: normal; min-width: 14em; max-width: 36em; overflow-wrap: anywhere; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; white-space: nowrap; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .st { font-weight: 600; white-space: nowrap; }
        .st-SUCCEEDED { color: var(--ok); } .st-FAILED { color: var(--fail); } .st-PARTIAL, .st-SPLIT { color: var(--split); }
        .st-RUNNING, .st-PENDING { color: var(--run); }
        .lane { display: grid; grid-template-columns: 5.5em 1fr; gap: 8px; align-items: center; margin: 2px 0; }
        .lane span { color: var(--muted); white-space: nowrap; }
        svg.chart { display: block; width: 100%; height: 28px; background: var(--panel); border-radius: 4px; }
        svg.tall { height: 120px; }
        rect.bar { stroke: none; }
        rect.SUCCEEDED { fill: var(--ok); } rect.FAILED { fill: var(--fail); } rect.SPLIT { fill: var(--split); }
        rect.retried { stroke: var(--fg); stroke-width: 2px; vector-effect: non-scaling-stroke; }
        rect.col { fill: var(--bar); } polyline.line { fill: none; stroke: var(--bar); stroke-width: 2px; vector-effect: non-scaling-stroke; }
        .axis { display: flex; justify-content: space-between; color: var(--muted); font-size: 0.85em; gap: 8px; }
        .legend { display: flex; flex-wrap: wrap; gap: 12px; color: var(--muted); font-size: 0.9em; margin: 4px 0 8px; }
        .sw { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: -0.1em; margin-right: 4px; }
        .sw.SUCCEEDED { background: var(--ok); } .sw.FAILED { background: var(--fail); } .sw.SPLIT { background: var(--split); }
        .sw.retried { border: 2px solid var(--fg); }
        dl { display: grid; grid-template-columns: minmax(8em, max-content) 1fr; gap: 2px 12px; margin: 0; }
        dt { color: var(--muted); } dd { margin: 0; }
        a { color: var(--run); }
        """;

    private static readonly (string Class, string Label)[] Legend =
        [("SUCCEEDED", "written"), ("FAILED", "failed"), ("SPLIT", "cut finer"), ("SUCCEEDED retried", "retried (outlined)")];

    /// <summary>The page of one run.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Page($"Run {report.RunId}", w =>
        {
            w.El("h1", $"Run {report.RunId}");
            w.Start("p").Attr("class", "muted");
            w.Text($"config {report.ConfigId} · ");
            w.Start("span").Attr("class", "st st-" + report.Status).Attr("id", "run-status").Text(report.Status).End();
            w.Text($" · started {Time(report.StartedAt)} · ended {Time(report.EndedAt)} · {Duration(report.DurationSeconds)}");
            w.End();
            if (report.RequestedFrom is { } from && report.RequestedTo is { } to)
            {
                w.El("p", $"requested [{Time(from)}, {Time(to)}){(report.Axis is { } axis ? " on " + axis : string.Empty)}", "muted");
            }

            var t = report.Totals;
            w.Start("div").Attr("class", "cards").Attr("id", "totals");
            Card(w, "rows", Count(t.Rows), "rows");
            Card(w, "bytes", Bytes(t.Bytes), "bytes");
            Card(w, "windows", Count(t.Windows), "windows");
            Card(w, "failed windows", Count(t.WindowsFailed), "windows-failed");
            Card(w, "retries", $"{Count(t.Retries)} in {Count(t.RetriedWindows)} windows", "retries");
            Card(w, "windows cut finer", Count(t.Splits), "splits");
            w.End();
            w.Start("span").Attr("hidden", "hidden").Attr("id", "total-rows").Attr("data-value", Raw(t.Rows)).End();
            if (t.ParentRows is { } parentRows && parentRows != t.Rows)
            {
                w.El("p", $"The run's PARENT row records {Count(parentRows)} rows; its windows add up to {Count(t.Rows)}.", "st st-FAILED");
            }

            Timeline(w, report);
            WindowSection(w, report);
            RowsPerDay(w, report);
            ThroughputSection(w, report);
            Errors(w, report);
            Reconciliation(w, report);
            Fields(w, "Config", "config", report.Config, "The config is no longer stored.");
            if (report.Locations.Count > 0)
            {
                Fields(w, "Where", "where", report.Locations, string.Empty);
            }
        });
    }

    /// <summary>The dashboard: recent runs, streams and the across-run figures a host computed.</summary>
    public static string Render(RunListReport report, Func<string, string>? runLink = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Page("LogIngest runs", w =>
        {
            w.El("h1", "LogIngest runs");
            w.El("p", $"as of {Time(report.GeneratedAt)} (UTC)", "muted");
            if (report.Kpis.Count > 0)
            {
                Fields(w, "Across runs", "kpis", report.Kpis, string.Empty);
            }

            w.Start("section").Attr("id", "runs");
            w.El("h2", "Recent runs");
            if (report.Runs.Count == 0)
            {
                w.El("p", "No run has started yet.", "muted");
            }
            else
            {
                var sla = report.Runs.Any(r => r.SlaMissed is not null);
                List<string> headers = ["run", "config", "status", "started", "duration", "rows", "failed windows"];
                if (sla)
                {
                    headers.Add("SLA");
                }

                w.Start("div").Attr("class", "scroll");
                Table(w, headers, [false, false, false, false, true, true, true, false], report.Runs.Select(r => (Action)(() =>
                {
                    w.Start("td");
                    if (runLink is not null)
                    {
                        w.Start("a").Attr("href", runLink(r.RunId)).Text(r.RunId).End();
                    }
                    else
                    {
                        w.Text(r.RunId);
                    }

                    w.End();
                    w.Td(r.ConfigId);
                    w.Start("td").Attr("class", "st st-" + r.Status).Text(r.Status).End();
                    w.Td(Time(r.StartedAt));
                    w.Td(Duration(r.DurationSeconds), "n");
                    w.Td(Count(r.Rows), "n");
                    w.Td(Count(r.WindowsFailed), "n");
                    if (sla)
                    {
                        w.Td(r.SlaMissed switch { true => "missed", false => "met", null => "-" });
                    }
                })), "run-table");
                w.End();
            }

            w.End();
            Streams(w, report.Streams);
        });
    }

    private static string Page(string title, Action<PageWriter> body)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, CheckCharacters = true, Encoding = Encoding.UTF8 };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteDocType("html", null, null, null);
            xml.WriteStartElement("html", Xhtml);
            xml.WriteAttributeString("lang", "en");
            var w = new PageWriter(xml);
            w.Start("head");
            w.Start("meta").Attr("charset", "utf-8").EndVoid();
            w.Start("meta").Attr("name", "viewport").Attr("content", "width=device-width, initial-scale=1").EndVoid();
            w.Start("meta").Attr("name", "color-scheme").Attr("content", "light dark").EndVoid();

            // The page is whole in itself: it may load nothing, not even from where it was served.
            w.Start("meta").Attr("http-equiv", "Content-Security-Policy").Attr("content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:").EndVoid();
            w.El("title", title);
            w.Start("style");
            xml.WriteRaw(Style);
            w.End();
            w.End();
            w.Start("body");
            body(w);
            w.End();
            xml.WriteFullEndElement();
        }

        return text.ToString();
    }

    private static void Timeline(PageWriter w, RunReport report) =>
        Section(w, "timeline", "Timeline", report.Windows.Count == 0 ? "No window has ended yet." : null, () => TimelineLanes(w, report));

    private static void TimelineLanes(PageWriter w, RunReport report)
    {
        var windows = report.Windows;
        var first = windows.Min(x => x.StartedAt ?? x.EndedAt);
        var last = windows.Max(x => x.EndedAt);
        if (report.StartedAt is { } started && started < first)
        {
            first = started;
        }

        var span = Math.Max((last - first).Ticks, TimeSpan.TicksPerSecond);
        w.El("p", "Each bar is a window over the wall time it ran (failed and cut windows at the moment they ended); one lane per range.", "muted");
        w.Start("div").Attr("class", "legend");
        foreach (var (cls, label) in Legend)
        {
            w.Start("span").Start("span").Attr("class", "sw " + cls).End().Text(label).End();
        }

        w.End();
        foreach (var lane in windows.GroupBy(x => x.Range).OrderBy(g => g.Key ?? int.MaxValue))
        {
            // Windows of a range run side by side: each gets the first row free at its start, so none hides another.
            var placed = Rows(lane.Select(x => (Start: Position(x.StartedAt ?? x.EndedAt), End: Position(x.EndedAt), Window: x)).ToList());
            var rows = placed.Max(p => p.Row) + 1;
            w.Start("div").Attr("class", "lane").Attr("data-range", lane.Key?.ToString(CultureInfo.InvariantCulture) ?? "none");
            w.El("span", lane.Key is { } index ? $"range {index}" : "no range");
            w.Start("svg", Svg).Attr("class", "chart").Attr("viewBox", $"0 0 1000 {rows * 10}").Attr("preserveAspectRatio", "none").Attr("role", "img")
                .Attr("style", $"height: {(rows * 12) + 4}px").Attr("aria-label", lane.Key is { } i ? $"windows of range {i}" : "windows without a range");
            foreach (var (a, width, row, x) in placed)
            {
                var cls = "bar " + x.Status + (x.Attempts > 1 ? " retried" : string.Empty);
                w.Start("rect", Svg).Attr("class", cls).Attr("x", Num(a)).Attr("y", Num((row * 10) + 1)).Attr("width", Num(width)).Attr("height", "8")
                    .Attr("data-from", Iso(x.From)).Attr("data-to", Iso(x.To)).Attr("data-status", x.Status).Attr("data-rows", Raw(x.Rows))
                    .Attr("data-attempts", x.Attempts.ToString(CultureInfo.InvariantCulture));
                w.El("title", $"[{Time(x.From)}, {Time(x.To)}){(x.Split is { } k ? " " + k : string.Empty)} {x.Status}: {Count(x.Rows)} rows, {Count(x.Attempts)} attempt(s){(x.Message is { } m ? " - " + m : string.Empty)}", ns: Svg);
                w.End();
            }

            w.End();
            w.End();
        }

        Axis(w, Time(first), Time(new DateTimeOffset(first.Ticks + span, TimeSpan.Zero)));

        double Position(DateTimeOffset at) => (at - first).Ticks * 1000.0 / span;
    }

    // Greedy interval packing over [0, 1000]: a bar is at least MinBar wide (a failed or cut window is an instant).
    private static List<(double X, double Width, int Row, WindowReport Window)> Rows(List<(double Start, double End, WindowReport Window)> bars)
    {
        const double MinBar = 4;
        var ends = new List<double>();
        var placed = new List<(double, double, int, WindowReport)>(bars.Count);
        foreach (var (start, end, window) in bars.OrderBy(b => b.Start).ThenBy(b => b.End))
        {
            var width = Math.Max(end - start, MinBar);
            var x = Math.Min(start, 1000 - width);
            var row = ends.FindIndex(e => e <= x);
            if (row < 0)
            {
                row = ends.Count;
                ends.Add(0);
            }

            ends[row] = x + width;
            placed.Add((x, width, row, window));
        }

        return placed;
    }

    private static void WindowSection(PageWriter w, RunReport report)
    {
        w.Start("section").Attr("id", "windows");
        w.El("h2", "Windows");
        var written = report.Windows.Where(x => x.Status == WindowStatuses.Succeeded).OrderBy(x => x.From).ToList();
        if (written.Count > 0)
        {
            w.El("p", $"Rows per window, in data order (most: {Count(written.Max(x => x.Rows))}).", "muted");
            Columns(w, written.Select(x => ((double)x.Rows, $"[{Time(x.From)}, {Time(x.To)}): {Count(x.Rows)} rows, {Bytes(x.Bytes)}")).ToList(), "rows-per-window");
        }

        w.Start("div").Attr("class", "scroll");
        Table(w, ["range", "from", "to", "status", "attempts", "rows", "bytes", "ran"], [true, false, false, false, true, true, true, true], report.Windows.OrderBy(x => x.From).ThenBy(x => x.EndedAt).Select(x => (Action)(() =>
        {
            w.Td(x.Range?.ToString(CultureInfo.InvariantCulture) ?? "-", "n");
            w.Td(Time(x.From) + (x.Split is { } k ? " " + k : string.Empty));
            w.Td(Time(x.To));
            w.Start("td").Attr("class", "st st-" + x.Status).Text(x.Status).End();
            w.Td(x.Attempts > 0 ? Count(x.Attempts) : "-", "n");
            w.Td(Count(x.Rows), "n");
            w.Td(Bytes(x.Bytes), "n");
            w.Td(x.StartedAt is { } s ? Duration((x.EndedAt - s).TotalSeconds) : "-", "n");
        })), "window-table");
        w.End();
        w.End();
    }

    private static void RowsPerDay(PageWriter w, RunReport report) =>
        Section(w, "rows-per-day", "Rows per day", report.RowsPerDay.Count == 0 ? "No rows written." : null, () =>
        {
            w.El("p", "Rows written per UTC day of the data (a window crossing midnight counts on the day it starts).", "muted");
            Columns(w, report.RowsPerDay.Select(d => ((double)d.Rows, $"{d.Day:yyyy-MM-dd}: {Count(d.Rows)} rows")).ToList(), "rows-per-day-chart");
            Axis(w, report.RowsPerDay[0].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.RowsPerDay[^1].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        });

    private static void ThroughputSection(PageWriter w, RunReport report) =>
        Section(w, "throughput", "Throughput", report.Throughput.Count == 0 ? "No window has completed yet." : null, () => ThroughputChart(w, report.Throughput));

    private static void ThroughputChart(PageWriter w, IReadOnlyList<ThroughputPoint> points)
    {
        var peak = Math.Max(points.Max(p => p.RowsPerSecond), 1);
        w.El("p", $"Rows per second over wall time (peak {Count((long)peak)}, mean {Count((long)points.Average(p => p.RowsPerSecond))}).", "muted");
        var step = 1000.0 / points.Count;
        var line = string.Join(' ', points.Select((p, i) => Num((i + 0.5) * step) + "," + Num(100 - (p.RowsPerSecond / peak * 96))));
        w.Start("svg", Svg).Attr("class", "chart tall").Attr("viewBox", "0 0 1000 100").Attr("preserveAspectRatio", "none").Attr("role", "img").Attr("aria-label", "rows per second");
        w.Start("polyline", Svg).Attr("class", "line").Attr("points", line).End();
        w.End();
        Axis(w, Time(points[0].From), Time(points[^1].To));
    }

    private static void Errors(PageWriter w, RunReport report) =>
        Section(w, "errors", "Errors", report.Errors.Count == 0 ? "None." : null, () =>
        {
            w.Start("div").Attr("class", "scroll");
            Table(w, ["code", "message", "retryable", "window", "attempts"], [false, false, false, false, true], report.Errors.Select(e => (Action)(() =>
            {
                w.Start("td").Start("code").Text(e.Code).End().End();
                w.Td(e.Message, "wrap");
                w.Td(e.Retryable ? "yes" : "no");
                w.Td(e.From is { } f && e.To is { } t ? $"[{Time(f)}, {Time(t)})" : "-");
                w.Td(e.Attempts?.ToString(CultureInfo.InvariantCulture) ?? "-", "n");
            })), "error-table");
            w.End();
        });

    private static void Reconciliation(PageWriter w, RunReport report)
    {
        w.Start("section").Attr("id", "reconciliation");
        w.El("h2", "Reconciliation");
        if (report.Ranges.Count > 0)
        {
            w.El("p", "Per range, as the run counted it: rows the lake received against what the source counted over the range once its windows were in.", "muted");
            w.Start("div").Attr("class", "scroll");
            Table(w, ["range", "from", "to", "status", "lake rows", "source rows"], [true, false, false, false, true, true], report.Ranges.Select(r => (Action)(() =>
            {
                w.Td(r.Index.ToString(CultureInfo.InvariantCulture), "n");
                w.Td(Time(r.From));
                w.Td(Time(r.To));
                w.Start("td").Attr("class", "st st-" + r.Status).Text(r.Status).End();
                w.Td(Count(r.Rows), "n");
                w.Td(r.SourceRows is { } s ? Count(s) : "not counted", "n");
            })), "range-table");
            w.End();
        }

        if (report.Reconciliation is { } c)
        {
            w.El("p", $"The config's whole checkpointed coverage ({Count(c.CoverageSpans)} span(s) on {c.Axis}) against every file of its table, now:", "muted");
            w.Start("div").Attr("class", "cards").Attr("id", "coverage");
            Card(w, "source rows", Count(c.SourceRows), "source-rows");
            Card(w, "lake rows", Count(c.LakeRows), "lake-rows");
            Card(w, "distinct keys", Count(c.DistinctKeys), "distinct-keys");
            w.Start("div").Attr("class", "card").El("span", "verdict", "muted");
            w.Start("b").Attr("class", c.Exact ? "st st-SUCCEEDED" : "st st-FAILED").Text(c.Exact ? "exact" : "differs").End();
            w.End();
            w.End();
        }
        else
        {
            w.El("p", $"Source against lake and distinct keys: {report.ReconciliationSkipped} (logingest verify makes it).", "muted");
        }

        w.End();
    }

    private static void Streams(PageWriter w, IReadOnlyList<StreamPartitionReport> streams) =>
        Section(w, "streams", "Streams", streams.Count == 0 ? "No stream has landed anything." : null, () => StreamTable(w, streams));

    private static void StreamTable(PageWriter w, IReadOnlyList<StreamPartitionReport> streams)
    {
        w.El("p", "Per partition: the last sequence number landed, and its lag from enqueue to the commit of its file.", "muted");
        var peak = Math.Max(streams.Max(s => s.LagSeconds), 0.001);
        w.Start("div").Attr("class", "scroll");
        Table(w, ["hub", "partition", "last sequence", "enqueued", "lag", "", "landed"], [false, false, true, false, true, false, false], streams.Select(s => (Action)(() =>
        {
            w.Td(s.Hub);
            w.Td(s.Partition);
            w.Td(Raw(s.SequenceNumber), "n");
            w.Td(Time(s.EnqueuedAt));
            w.Td(Duration(s.LagSeconds), "n");
            w.Start("td").Attr("style", "min-width: 6em");
            w.Start("svg", Svg).Attr("class", "chart").Attr("viewBox", "0 0 100 10").Attr("preserveAspectRatio", "none").Attr("role", "img").Attr("aria-label", "lag");
            w.Start("rect", Svg).Attr("class", "col").Attr("x", "0").Attr("y", "2").Attr("height", "6").Attr("width", Num(Math.Max(1, s.LagSeconds / peak * 100))).End();
            w.End();
            w.End();
            w.Td(Time(s.UpdatedAt));
        })), "stream-table");
        w.End();
    }

    private static void Fields(PageWriter w, string title, string id, IReadOnlyList<ReportField> fields, string empty) =>
        Section(w, id, title, fields.Count == 0 ? empty : null, () =>
        {
            w.Start("dl");
            foreach (var f in fields)
            {
                w.El("dt", f.Name);
                w.Start("dd").Start("code").Text(f.Value ?? "null").End().End();
            }

            w.End();
        });

    // A titled section: its body, or one muted line saying why there is none.
    private static void Section(PageWriter w, string id, string title, string? empty, Action body)
    {
        w.Start("section").Attr("id", id);
        w.El("h2", title);
        if (empty is not null)
        {
            w.El("p", empty, "muted");
        }
        else
        {
            body();
        }

        w.End();
    }

    private static void Axis(PageWriter w, string left, string right) => w.Start("div").Attr("class", "axis").El("span", left).El("span", right).End();

    // Vertical bars of equal width scaled to the largest value, each with its label as a tooltip.
    private static void Columns(PageWriter w, List<(double Value, string Label)> values, string id)
    {
        var peak = Math.Max(values.Max(v => v.Value), 1);
        var step = 1000.0 / values.Count;
        w.Start("svg", Svg).Attr("class", "chart tall").Attr("id", id).Attr("viewBox", "0 0 1000 100").Attr("preserveAspectRatio", "none").Attr("role", "img").Attr("aria-label", id.Replace('-', ' '));
        for (var i = 0; i < values.Count; i++)
        {
            var height = Math.Max(values[i].Value / peak * 96, values[i].Value > 0 ? 1 : 0);
            w.Start("rect", Svg).Attr("class", "col").Attr("x", Num((i * step) + (step * 0.1))).Attr("width", Num(step * 0.8)).Attr("y", Num(100 - height)).Attr("height", Num(height));
            w.El("title", values[i].Label, ns: Svg);
            w.End();
        }

        w.End();
    }

    private static void Table(PageWriter w, List<string> headers, bool[] numeric, IEnumerable<Action> rows, string? id = null)
    {
        w.Start("table");
        if (id is not null)
        {
            w.Attr("id", id);
        }

        w.Start("thead").Start("tr");
        for (var i = 0; i < headers.Count; i++)
        {
            w.Start("th").Attr("scope", "col");
            if (numeric[i])
            {
                w.Attr("class", "n");
            }

            w.Text(headers[i]).End();
        }

        w.End().End();
        w.Start("tbody");
        foreach (var row in rows)
        {
            w.Start("tr");
            row();
            w.End();
        }

        w.End();
        w.End();
    }

    private static void Card(PageWriter w, string label, string value, string id)
    {
        w.Start("div").Attr("class", "card").Attr("id", id).El("span", label, "muted").El("b", value).End();
    }

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Duration(double? seconds) => seconds switch
    {
        null => "-",
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:F0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s"),
        _ => TimeSpan.FromSeconds(seconds.Value).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
    };

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Raw(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:F2} GiB"),
    };

    /// <summary>Chained element writing over an <see cref="XmlWriter"/>; non-void elements always get an end tag (HTML reads <c>&lt;div/&gt;</c> as an open tag).</summary>
    private sealed class PageWriter(XmlWriter xml)
    {
        public PageWriter Start(string name, string ns = Xhtml)
        {
            xml.WriteStartElement(name, ns);
            return this;
        }

        public PageWriter Attr(string name, string value)
        {
            xml.WriteAttributeString(name, Clean(value));
            return this;
        }

        public PageWriter Text(string value)
        {
            xml.WriteString(Clean(value));
            return this;
        }

        public PageWriter End()
        {
            xml.WriteFullEndElement();
            return this;
        }

        public PageWriter EndVoid()
        {
            xml.WriteEndElement();
            return this;
        }

        public PageWriter El(string name, string text, string? cls = null, string ns = Xhtml)
        {
            Start(name, ns);
            if (cls is not null)
            {
                Attr("class", cls);
            }

            return Text(text).End();
        }

        public void Td(string text, string? cls = null) => El("td", text, cls);

        // Characters XML cannot hold at all (most C0 controls, lone surrogates) become U+FFFD rather than failing the page.
        private static string Clean(string value)
        {
            if (value.All(XmlConvert.IsXmlChar))
            {
                return value;
            }

            var builder = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    builder.Append(value, i++, 2);
                }
                else
                {
                    builder.Append(XmlConvert.IsXmlChar(value[i]) ? value[i] : '\uFFFD');
                }
            }

            return builder.ToString();
        }
    }
}
