using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Core.Workflows;

/// <summary>The workflows and activities a host can run, by name.</summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, Func<WorkflowContext, object?, Task<object?>>> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IServiceProvider, object?, CancellationToken, Task<object>>> _activities = new(StringComparer.Ordinal);

    public WorkflowRegistry AddWorkflow<TInput, TOutput>(string name, Func<WorkflowContext, TInput, Task<TOutput>> run)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(run);
        _workflows.Add(name, async (context, input) => await run(context, WorkflowJson.RoundTrip<TInput>(input)!));
        return this;
    }

    /// <summary>Registers an activity resolved from DI per call.</summary>
    public WorkflowRegistry AddActivity<TInput, TOutput, TActivity>(string name)
        where TActivity : IActivity<TInput, TOutput>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _activities.Add(name, async (services, input, cancellationToken) =>
        {
            var activity = services.GetRequiredService<TActivity>();
            return await ActivityInvoker.InvokeAsync(activity, WorkflowJson.RoundTrip<TInput>(input)!, cancellationToken);
        });
        return this;
    }

    internal Func<WorkflowContext, object?, Task<object?>> Workflow(string name) =>
        _workflows.TryGetValue(name, out var workflow)
            ? workflow
            : throw new InvalidOperationException($"No workflow named '{name}' is registered.");

    internal Func<IServiceProvider, object?, CancellationToken, Task<object>> Activity(string name) =>
        _activities.TryGetValue(name, out var activity)
            ? activity
            : throw new InvalidOperationException($"No activity named '{name}' is registered.");
}
