using LogIngest.Core.Workflows;
using LogIngest.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LogIngest.Functions;

/// <summary>The two tiers of workflows, as Durable orchestrator functions over the shared Durable adapter.</summary>
public static class Orchestrators
{
    [Function(LoadRunWorkflow.Name)]
    public static Task<RunSummary> LoadRun([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflows.RunAsync<LoadRunInput, RunSummary>(context, LoadRunWorkflow.Name);

    [Function(LoadRangeWorkflow.Name)]
    public static Task<RangeResult> LoadRange([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableWorkflows.RunAsync<LoadRangeInput, RangeResult>(context, LoadRangeWorkflow.Name);
}
