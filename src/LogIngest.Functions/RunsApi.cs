using System.Net;
using LogIngest.Core.Configuration;
using LogIngest.Core.Hosting;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace LogIngest.Functions;

/// <summary>
/// HTTP API: start an ad hoc backfill (body = a config, as the CLI's --config file), read a run's
/// status, cancel it, list recent runs. Errors answer <c>{ code, message }</c> with the status
/// <see cref="HttpStatusMapping"/> decides.
/// </summary>
public sealed class RunsApi(IStateStore state, RunLauncher launcher)
{
    [Function("StartBackfill")]
    public async Task<HttpResponseData> StartBackfill(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfills")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        try
        {
            // The body's bytes, not decoded text (the one config reader refuses bytes that are not UTF-8),
            // read no further than the largest config.
            var config = await ConfigJson.ParseAsync(request.Body, cancellationToken);
            var run = await launcher.StartAsync(new DurableRunEngine(client), config, cancellationToken);
            return await client.CreateCheckStatusResponseAsync(request, run.InstanceId, cancellationToken);
        }
        catch (LogIngestException error)
        {
            return await ErrorAsync(request, error);
        }
    }

    [Function("GetRun")]
    public static async Task<HttpResponseData> GetRun(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{instanceId}")] HttpRequestData request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return await ErrorAsync(request, new LogIngestException(ErrorCodes.NotFound, $"No run instance '{instanceId}'."));
        }

        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(
            new
            {
                metadata.InstanceId,
                Status = metadata.RuntimeStatus.ToString(),
                metadata.CreatedAt,
                metadata.LastUpdatedAt,
                Progress = metadata.SerializedCustomStatus,
                Summary = metadata.SerializedOutput,
            },
            cancellationToken);
        return response;
    }

    [Function("CancelRun")]
    public static async Task<HttpResponseData> CancelRun(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{instanceId}/cancel")] HttpRequestData request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        // Terminating is safe: windows are idempotent and checkpointed one by one, so a rerun resumes.
        // Recursive, so no range sub-orchestration keeps writing beside the next run of the config.
        await client.TerminateInstanceAsync(
            instanceId, new TerminateInstanceOptions { Output = "cancelled through the API", Recursive = true }, cancellationToken);
        return request.CreateResponse(HttpStatusCode.Accepted);
    }

    [Function("ListRuns")]
    public async Task<HttpResponseData> ListRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var configId = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["configId"];
        var runs = await state.ListRecentRunsAsync(50, string.IsNullOrEmpty(configId) ? null : configId, cancellationToken);
        var response = request.CreateResponse(HttpStatusCode.OK);
        await response.WriteAsJsonAsync(runs, cancellationToken);
        return response;
    }

    private static async Task<HttpResponseData> ErrorAsync(HttpRequestData request, LogIngestException error)
    {
        var response = request.CreateResponse();
        await response.WriteAsJsonAsync(new { code = error.Code, message = error.Message });

        // WriteAsJsonAsync sets 200 itself, so the status is set after it.
        response.StatusCode = (HttpStatusCode)HttpStatusMapping.StatusFor(error.Code);
        return response;
    }
}
