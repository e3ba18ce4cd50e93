using LogIngest.Core.Workflows;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace LogIngest.Durable;

/// <summary>
/// Registers <see cref="WorkflowCatalog"/> with a Durable worker: every workflow as an orchestrator
/// on <see cref="DurableWorkflowContext"/>, every activity resolved from the worker's services. The
/// Functions app declares the same names as functions (a test keeps the two lists equal).
/// </summary>
public static class DurableWorkflows
{
    /// <summary>
    /// The message converter both Durable hosts use: <see cref="WorkflowJson.Options"/>, the shape the
    /// in-process host round-trips through, so every host sees identical messages.
    /// </summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(WorkflowJson.Options);

    public static DurableTaskRegistry AddLogIngestWorkflows(this DurableTaskRegistry registry, IWorkflowCallObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var workflow in WorkflowCatalog.Workflows)
        {
            registry.AddOrchestrator(workflow.Name, () => new CatalogOrchestrator(workflow, observer));
        }

        foreach (var activity in WorkflowCatalog.Activities)
        {
            registry.AddActivity(activity.Name, services => new CatalogActivity(activity, services));
        }

        return registry;
    }

    /// <summary>Runs a catalog workflow as the body of a Durable orchestrator (the Functions app's orchestrator functions).</summary>
    public static async Task<TOutput> RunAsync<TInput, TOutput>(TaskOrchestrationContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workflow = WorkflowCatalog.Workflow(name);
        return (TOutput)(await workflow.RunAsync(new DurableWorkflowContext(context), context.GetInput<TInput>()))!;
    }

    /// <summary>Runs a catalog activity from a host's services (the Functions app's activity functions).</summary>
    public static async Task<ActivityOutcome<TOutput>> RunActivityAsync<TInput, TOutput>(
        IServiceProvider services, string name, TInput input, CancellationToken cancellationToken = default) =>
        (ActivityOutcome<TOutput>)await WorkflowCatalog.Activity(name).InvokeAsync(services, input, cancellationToken).ConfigureAwait(false);

    private sealed class CatalogOrchestrator(WorkflowDefinition workflow, IWorkflowCallObserver? observer) : ITaskOrchestrator
    {
        public Type InputType => workflow.InputType;

        public Type OutputType => workflow.OutputType;

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            workflow.RunAsync(new DurableWorkflowContext(context, observer), input);
    }

    private sealed class CatalogActivity(ActivityDefinition activity, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => activity.InputType;

        public Type OutputType => activity.OutcomeType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            await activity.InvokeAsync(services, input).ConfigureAwait(false);
    }
}
