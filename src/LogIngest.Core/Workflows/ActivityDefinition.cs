using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Core.Workflows;

/// <summary>
/// One tier-3 activity as every host registers it: its name, the message types that cross the host
/// boundary, the Core type that does the work, and how to run it from a host's services.
/// </summary>
public sealed class ActivityDefinition
{
    private readonly Func<IServiceProvider, object?, CancellationToken, Task<object>> _invoke;

    private ActivityDefinition(string name, Type inputType, Type outcomeType, Type activityType, Func<IServiceProvider, object?, CancellationToken, Task<object>> invoke)
    {
        Name = name;
        InputType = inputType;
        OutcomeType = outcomeType;
        ActivityType = activityType;
        _invoke = invoke;
    }

    public string Name { get; }

    /// <summary>The input message type (what Durable deserializes an activity's input into).</summary>
    public Type InputType { get; }

    /// <summary>The answer's type: always an <see cref="ActivityOutcome{T}"/> (failures travel as data).</summary>
    public Type OutcomeType { get; }

    /// <summary>The Core activity class, resolved from DI per call.</summary>
    public Type ActivityType { get; }

    /// <summary>Runs the activity on an input of <see cref="InputType"/> and answers its outcome.</summary>
    public Task<object> InvokeAsync(IServiceProvider services, object? input, CancellationToken cancellationToken = default) =>
        _invoke(services, input, cancellationToken);

    public static ActivityDefinition Create<TInput, TOutput, TActivity>(string name)
        where TActivity : IActivity<TInput, TOutput>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ActivityDefinition(name, typeof(TInput), typeof(ActivityOutcome<TOutput>), typeof(TActivity), async (services, input, cancellationToken) =>
        {
            var activity = services.GetRequiredService<TActivity>();
            return await ActivityInvoker.InvokeAsync(activity, (TInput)input!, cancellationToken).ConfigureAwait(false);
        });
    }
}
