namespace LogIngest.Core.Workflows;

/// <summary>One workflow (tier 1 or 2) as every host registers it: name, message types, body.</summary>
public sealed class WorkflowDefinition
{
    private readonly Func<WorkflowContext, object?, Task<object?>> _run;

    private WorkflowDefinition(string name, Type inputType, Type outputType, Func<WorkflowContext, object?, Task<object?>> run)
    {
        Name = name;
        InputType = inputType;
        OutputType = outputType;
        _run = run;
    }

    public string Name { get; }

    public Type InputType { get; }

    public Type OutputType { get; }

    /// <summary>
    /// Runs the workflow body on an input of <see cref="InputType"/>. No ConfigureAwait(false) on this
    /// path: under Durable, a workflow must resume on the orchestration's own scheduler.
    /// </summary>
    public Task<object?> RunAsync(WorkflowContext context, object? input) => _run(context, input);

    public static WorkflowDefinition Create<TInput, TOutput>(string name, Func<WorkflowContext, TInput, Task<TOutput>> run)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(run);
        return new WorkflowDefinition(name, typeof(TInput), typeof(TOutput), async (context, input) => await run(context, (TInput)input!));
    }
}
