using System.Net;
using System.Text.Json;
using LogIngest.Core.Observability;
using LogIngest.Core.Reporting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace LogIngest.Functions;

/// <summary>
/// The dashboard: the recent runs and stream partitions, and one run's report, as the self-contained
/// pages <see cref="ReportPage"/> renders for <c>logingest report</c>. Page views ask no source query
/// and read no lake file beyond the stream listing (the reconciliation is <c>verify</c>'s).
/// </summary>
public sealed class DashboardApi(RunReports reports)
{
    [Function("Dashboard")]
    public async Task<HttpResponseData> Dashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = await reports.ListAsync(50, cancellationToken);

        // Relative links keep the function key of the page's own URL out of the page.
        return await PageAsync(request, HttpStatusCode.OK, ReportPage.Render(list, runId => "dashboard/runs/" + Uri.EscapeDataString(runId)), cancellationToken);
    }

    [Function("DashboardRun")]
    public async Task<HttpResponseData> DashboardRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard/runs/{runId}")] HttpRequestData request,
        string runId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var report = await reports.GetRunAsync(runId, reconcile: false, cancellationToken);
            return await PageAsync(request, HttpStatusCode.OK, ReportPage.Render(report), cancellationToken);
        }
        catch (LogIngestException missing) when (missing.Code == ErrorCodes.NotFound)
        {
            // The same { code, message } body as the runs API's errors.
            var response = request.CreateResponse(HttpStatusCode.NotFound);
            response.Headers.Add("Content-Type", "application/json; charset=utf-8");
            await response.WriteStringAsync(JsonSerializer.Serialize(new { code = missing.Code, message = missing.Message }), cancellationToken);
            return response;
        }
    }

    private static async Task<HttpResponseData> PageAsync(HttpRequestData request, HttpStatusCode status, string html, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "text/html; charset=utf-8");
        response.Headers.Add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        await response.WriteStringAsync(html, cancellationToken);
        return response;
    }
}
