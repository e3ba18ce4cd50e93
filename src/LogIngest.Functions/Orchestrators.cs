using LogIngest.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LogIngest.Functions;

/// <summary>The two tiers of workflows, as Durable orchestrator functions.</summary>
public static class Orchestrators
{
    [Function(LoadRunWorkflow.Name)]
    public static Task<RunSummary> LoadRun([OrchestrationTrigger] TaskOrchestrationContext context) =>
        LoadRunWorkflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<LoadRunInput>()!);

    [Function(LoadRangeWorkflow.Name)]
    public static Task<RangeResult> LoadRange([OrchestrationTrigger] TaskOrchestrationContext context) =>
        LoadRangeWorkflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<LoadRangeInput>()!);
}
