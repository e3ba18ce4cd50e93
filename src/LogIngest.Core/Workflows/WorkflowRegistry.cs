namespace LogIngest.Core.Workflows;

/// <summary>
/// The workflows and activities the in-process host can run, by name. Messages are round-tripped
/// through <see cref="WorkflowJson"/> into each definition's declared type, as Durable would.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowDefinition> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityDefinition> _activities = new(StringComparer.Ordinal);

    /// <summary>Everything in <see cref="WorkflowCatalog"/>.</summary>
    public static WorkflowRegistry FromCatalog()
    {
        var registry = new WorkflowRegistry();
        foreach (var workflow in WorkflowCatalog.Workflows)
        {
            registry.Add(workflow);
        }

        foreach (var activity in WorkflowCatalog.Activities)
        {
            registry.Add(activity);
        }

        return registry;
    }

    public WorkflowRegistry Add(WorkflowDefinition workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        _workflows.Add(workflow.Name, workflow);
        return this;
    }

    public WorkflowRegistry Add(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _activities.Add(activity.Name, activity);
        return this;
    }

    public WorkflowRegistry AddWorkflow<TInput, TOutput>(string name, Func<WorkflowContext, TInput, Task<TOutput>> run) =>
        Add(WorkflowDefinition.Create(name, run));

    /// <summary>Registers an activity resolved from DI per call.</summary>
    public WorkflowRegistry AddActivity<TInput, TOutput, TActivity>(string name)
        where TActivity : IActivity<TInput, TOutput> =>
        Add(ActivityDefinition.Create<TInput, TOutput, TActivity>(name));

    internal Func<WorkflowContext, object?, Task<object?>> Workflow(string name)
    {
        var workflow = _workflows.TryGetValue(name, out var found)
            ? found
            : throw new InvalidOperationException($"No workflow named '{name}' is registered.");
        return (context, input) => workflow.RunAsync(context, WorkflowJson.RoundTrip(input, workflow.InputType));
    }

    internal Func<IServiceProvider, object?, CancellationToken, Task<object>> Activity(string name)
    {
        var activity = _activities.TryGetValue(name, out var found)
            ? found
            : throw new InvalidOperationException($"No activity named '{name}' is registered.");
        return (services, input, cancellationToken) => activity.InvokeAsync(services, WorkflowJson.RoundTrip(input, activity.InputType), cancellationToken);
    }
}
