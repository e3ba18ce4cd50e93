using System.Globalization;
using System.Text.Json;
using Azure.Core;
using LogIngest.Local.Simulation;
using LogIngest.TestSupport;
using Microsoft.Playwright;

namespace LogIngest.Cli.Tests;

/// <summary>
/// The report of a real run, with a retried and a failed window, in headless Chromium (Debian's, driven
/// by Playwright; test.sh installs it): the DOM against the run's audit, both viewports, nothing loaded.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string PageUrl = "http://report.test/report.html";

    /// <summary>Where the screenshots are kept: the test project's TestResults/report folder.</summary>
    public static string ScreenshotFolder => Path.Combine(TestPaths.TestsFolder, "LogIngest.Cli.Tests", "TestResults", "report");

    [Fact]
    public async Task Report_RunWithRetriedAndFailedWindow_RendersTheAuditInChromiumAtBothViewports()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium package.");

        // The workspace's HTTP face answers the first query of the windows with a 429 (retried after it) and
        // the second with a 400 (not retryable: that window fails). The preflight and the histogram come first.
        var workspace = new SimulatedWorkspace(new SimulatedWorkspaceOptions { OfficeActivityRowsPerDay = 4000 }, TimeProvider.System);
        var options = new SimulatedServerOptions { RetryAfter = TimeSpan.FromSeconds(1) };
        foreach (var fault in new[] { SimulatedFault.None, SimulatedFault.None, SimulatedFault.Throttle, SimulatedFault.BadRequest })
        {
            options.ScriptedFaults.Add(fault);
        }

        await using var server = await SimulatedLogAnalyticsServer.StartAsync(workspace, options);
        using var sandbox = new CliSandbox { LogAnalyticsTransport = new global::Azure.Core.Pipeline.HttpClientTransport(server.CreateTrustingHandler()), Credential = new AnyToken() };
        var config = sandbox.WriteFile("faulty.json", $$"""
            {
              "id": "faulty",
              "table": "OfficeActivity",
              "source": { "kind": "logAnalytics", "workspaceId": "{{server.WorkspaceId}}" },
              "from": "2025-01-06T00:00:00Z",
              "to": "2025-01-07T00:00:00Z",
              "limits": { "maxRows": 1200, "maxBytes": 48000000, "minRows": 300 },
              "parallelism": 1
            }
            """);
        var run = await sandbox.RunAsync(["run", "--config", config, "--la-endpoint", server.Endpoint.ToString(), "--json"]);
        var runId = run.Json().GetProperty("run_id").GetString()!;
        Assert.Equal("PARTIAL", run.Json().GetProperty("status").GetString());

        // The audit as status reads it: every WINDOW row, the succeeded rows' sum, the failed row.
        var status = await sandbox.RunAsync(["status", runId, "--json"]);
        var events = status.Json().GetProperty("events").EnumerateArray().ToList();
        var windows = events.Where(e => e.GetProperty("event_type").GetString() == "WINDOW").ToList();
        var auditRows = windows.Where(e => e.GetProperty("status").GetString() == "SUCCEEDED").Sum(e => e.GetProperty("rows").GetInt64());
        var failed = Assert.Single(windows, e => e.GetProperty("status").GetString() == "FAILED");
        Assert.Equal(auditRows, events.Single(e => e.GetProperty("event_type").GetString() == "PARENT").GetProperty("rows").GetInt64());

        var report = await sandbox.RunAsync(["report", "--out", "report.html", "--la-endpoint", server.Endpoint.ToString()]);
        Assert.True(report.ExitCode == 0, report.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(sandbox.Folder, "report.html"));

        var userData = Path.Combine(sandbox.Folder, "chromium-profile");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(userData, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

        // Every request goes through here: the page itself is answered, anything else is counted and refused.
        var others = new List<string>();
        await browser.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == PageUrl)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            }
            else
            {
                lock (others)
                {
                    others.Add(route.Request.Url);
                }

                await route.AbortAsync();
            }
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Type + ": " + message.Text);
        await page.GotoAsync(PageUrl);

        Assert.Equal(windows.Count, await page.Locator("svg rect.bar").CountAsync());
        Assert.Equal(auditRows.ToString(CultureInfo.InvariantCulture), await page.Locator("#total-rows").GetAttributeAsync("data-value"));
        Assert.Equal("PARTIAL", await page.Locator("#run-status").TextContentAsync());
        Assert.True(await page.Locator("svg rect.bar.retried").CountAsync() >= 1, "a retried window is marked");
        var errorRow = page.Locator("#error-table tbody tr").Filter(new LocatorFilterOptions { HasText = "C303" });
        Assert.Equal(1, await errorRow.CountAsync());
        Assert.Contains(Short(failed.GetProperty("from").GetString()!), await errorRow.TextContentAsync(), StringComparison.Ordinal);

        Directory.CreateDirectory(ScreenshotFolder);
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            var overflow = await page.EvaluateAsync<JsonElement>(
                "() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: document.documentElement.clientWidth })");
            Assert.True(overflow.GetProperty("doc").GetInt32() <= overflow.GetProperty("view").GetInt32(), $"{width}x{height}: the page is {overflow} wide");
            Assert.True(overflow.GetProperty("body").GetInt32() <= overflow.GetProperty("view").GetInt32(), $"{width}x{height}: the body is {overflow} wide");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"report-{width}x{height}.png"), FullPage = true });
        }

        // The dark scheme is the page's own: another background, and text still set against it.
        var light = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        Assert.NotEqual(light, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "report-390x844-dark.png"), FullPage = true });

        Assert.Empty(others);
        Assert.Empty(console); // a blocked load (the page's own policy) would show here
    }

    // The report prints times as "yyyy-MM-dd HH:mm:ss"; status gives ISO 8601.
    private static string Short(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Grants any token: the simulated workspace only checks that one is sent.</summary>
    private sealed class AnyToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
