using System.Xml.Linq;
using LogIngest.Core.Model;
using LogIngest.Core.Reporting;
using LogIngest.Core.State;

namespace LogIngest.Core.Tests.Reporting;

/// <summary>The report pages are well-formed, encode what the audit says, and keep secrets and scripts out.</summary>
public sealed class ReportPageTests
{
    private const string Hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_RunWithRetriedFailedAndSplitWindows_OneBarPerWindowRowAndTotalsFromTheAudit()
    {
        var report = RunReportBuilder.Build(Events("run-1", "OfficeActivity"));

        var page = XDocument.Parse(ReportPage.Render(report));

        var bars = page.Descendants(Svg + "rect").Where(r => ((string?)r.Attribute("class"))?.Split(' ').Contains("bar") == true).ToList();
        Assert.Equal(4, bars.Count);
        Assert.Equal(["FAILED", "SPLIT", "SUCCEEDED", "SUCCEEDED"], bars.Select(b => (string)b.Attribute("data-status")!).Order());
        Assert.Equal(["FAILED", "SUCCEEDED"], bars.Where(b => ((string)b.Attribute("class")!).Contains("retried", StringComparison.Ordinal)).Select(b => (string)b.Attribute("data-status")!).Order());
        Assert.Equal("1500", Attribute(page, "total-rows", "data-value"));
        Assert.Equal(1500, report.Totals.Rows);
        Assert.Equal(1, report.Totals.WindowsFailed);
        Assert.Equal(1, report.Totals.Splits);
        Assert.Equal(1 + 3, report.Totals.Retries); // the retried window's one, the failed window's three
        var error = Assert.Single(page.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "error-table").Descendants(Xhtml + "tbody").Elements());
        Assert.Equal(["T103", "unavailable", "yes", "[2025-01-01 02:00:00, 2025-01-01 03:00:00)", "4"], error.Elements().Select(td => td.Value));
        Assert.Equal([new DayRows(new DateOnly(2025, 1, 1), 1500)], report.RowsPerDay);
    }

    [Fact]
    public void Render_MarkupInTableNameAndErrorMessage_ComesOutAsText()
    {
        var report = RunReportBuilder.Build(Events("run-<b>", Hostile, errorMessage: Hostile + "\u0001"), Config(Hostile));

        var html = ReportPage.Render(report);
        var page = XDocument.Parse(html);

        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "img");
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Contains(page.Descendants(Xhtml + "td"), td => td.Value == Hostile + "\uFFFD");
        Assert.Contains(page.Descendants(Xhtml + "code"), c => c.Value == Hostile);
        Assert.Equal("run-<b>", page.Descendants(Xhtml + "h1").Single().Value["Run ".Length..]);
    }

    [Fact]
    public void Render_Pages_LoadNothingFromAnywhere()
    {
        var run = XDocument.Parse(ReportPage.Render(RunReportBuilder.Build(Events("run-1", "OfficeActivity"))));
        var list = XDocument.Parse(ReportPage.Render(new RunListReport { GeneratedAt = T0, Runs = [Entry()] }));

        foreach (var page in new[] { run, list })
        {
            Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
            Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href" && !((string)a).StartsWith('#'));
            var policy = page.Descendants(Xhtml + "meta").Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
            Assert.StartsWith("default-src 'none'", (string)policy.Attribute("content")!, StringComparison.Ordinal);
            Assert.DoesNotContain("url(", page.Descendants(Xhtml + "style").Single().Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConfigFields_SecretLookingNames_AreHiddenOthersShown()
    {
        var fields = RunReportBuilder.Fields(System.Text.Json.Nodes.JsonNode.Parse("""
            { "table": "T", "lake": { "prefix": "p", "connectionString": "AccountKey=abc" }, "sasToken": "sv=1", "flatten": ["A", "B"] }
            """));

        Assert.Equal(
            [new ReportField("table", "T"), new ReportField("lake.prefix", "p"), new ReportField("lake.connectionString", "(hidden)"), new ReportField("sasToken", "(hidden)"), new ReportField("flatten", "A, B")],
            fields);
    }

    [Fact]
    public void Render_ListWithSlaAndKpis_ShowsThemOnlyWhenAHostGivesThem()
    {
        var plain = XDocument.Parse(ReportPage.Render(new RunListReport { GeneratedAt = T0, Runs = [Entry()] }));
        var full = XDocument.Parse(ReportPage.Render(new RunListReport
        {
            GeneratedAt = T0,
            Runs = [Entry() with { SlaMissed = true }],
            Kpis = [new ReportField("success rate (7 days)", "90%")],
            Streams = [new StreamPartitionReport("hub", "0", 41, T0, 2.5, T0)],
        }));

        Assert.DoesNotContain(plain.Descendants(Xhtml + "th"), th => th.Value == "SLA");
        Assert.Null(plain.Descendants().FirstOrDefault(e => (string?)e.Attribute("id") == "kpis"));
        Assert.Contains(full.Descendants(Xhtml + "td"), td => td.Value == "missed");
        Assert.Contains(full.Descendants(Xhtml + "dd"), dd => dd.Value == "90%");
        var stream = Assert.Single(full.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "stream-table").Descendants(Xhtml + "tbody").Elements());
        Assert.Equal("41", stream.Elements().ElementAt(2).Value);
    }

    private static string Attribute(XDocument page, string id, string name) =>
        (string)page.Descendants().Single(e => (string?)e.Attribute("id") == id).Attribute(name)!;

    private static RunListEntry Entry() => new() { RunId = "run-1", ConfigId = "c", Status = "SUCCEEDED", StartedAt = T0, EndedAt = T0.AddMinutes(1), DurationSeconds = 60, Rows = 10 };

    private static LoadConfig Config(string table) => new() { Id = "c", Table = table, From = T0.AddYears(-1), To = T0 };

    private static Interval Hour(int hour) => Interval.FromUtc(new DateTimeOffset(2025, 1, 1, hour, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, hour + 1, 0, 0, TimeSpan.Zero));

    // A run of one range: a window written on its first try, one written on its second, one failed after four
    // tries, one cut finer; each as the workflows write them.
    private static List<RunEvent> Events(string runId, string table, string errorMessage = "unavailable")
    {
        RunEvent E(string id, string type, DateTimeOffset at) => new() { EventId = $"{runId}:{id}", RunId = runId, ConfigId = "c", EventType = type, Timestamp = at, Message = table };
        return
        [
            E("run-start", RunEventTypes.RunStart, T0) with { Start = T0, Window = Interval.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)) },
            E("window:t-0", RunEventTypes.Window, T0.AddSeconds(3)) with { Status = RunStatus.Succeeded, Attempt = 1, Start = T0.AddSeconds(1), End = T0.AddSeconds(3), Rows = 1000, Bytes = 50_000, Window = Hour(0) },
            E("window:t-1", RunEventTypes.Window, T0.AddSeconds(9)) with { Status = RunStatus.Succeeded, Attempt = 2, Start = T0.AddSeconds(5), End = T0.AddSeconds(9), Rows = 500, Bytes = 25_000, Window = Hour(1) },
            E("window-split:t-3", RunEventTypes.Window, T0.AddSeconds(4)) with { Attempt = 1, End = T0.AddSeconds(4), Window = Hour(3), Message = "cut into 2: truncated" },
            E("job:0", RunEventTypes.Job, T0.AddSeconds(10)) with { Status = RunStatus.Partial, Start = T0, End = T0.AddSeconds(10), Rows = 1500, Bytes = 75_000, Window = Interval.FromUtc(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero)) },
            E("window-failed:t-2", RunEventTypes.Window, T0.AddSeconds(10)) with { Status = RunStatus.Failed, Attempt = 4, Window = Hour(2), Error = new RunError("T103", errorMessage, true) },
            E("window-failed:t-2:error", RunEventTypes.Error, T0.AddSeconds(10)) with { Status = RunStatus.Failed, Attempt = 4, Window = Hour(2), Error = new RunError("T103", errorMessage, true) },
            E("parent", RunEventTypes.Parent, T0.AddSeconds(11)) with { Status = RunStatus.Partial, Rows = 1500, Bytes = 75_000 },
            E("run-end", RunEventTypes.RunEnd, T0.AddSeconds(11)) with { Status = RunStatus.Partial, Start = T0, End = T0.AddSeconds(11) },
        ];
    }
}
