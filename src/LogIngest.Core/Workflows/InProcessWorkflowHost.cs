using LogIngest.Core.Observability;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Workflows;

/// <summary>
/// Runs the same workflows Durable runs, in this process: sub-workflows concurrently, activities
/// through DI on the thread pool, messages round-tripped through JSON as Durable would. A stop
/// request lets in-flight activities finish and refuses to start stoppable ones (they answer
/// <see cref="ErrorCodes.Stopped"/>), including those still waiting for their first query slot
/// (<see cref="ActivityStop"/>), so a rerun resumes from checkpoints.
/// </summary>
public sealed class InProcessWorkflowHost
{
    private readonly IServiceProvider _services;
    private readonly WorkflowRegistry _registry;
    private readonly InProcessHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;

    public InProcessWorkflowHost(
        IServiceProvider services,
        WorkflowRegistry registry,
        InProcessHostOptions options,
        ILoggerFactory loggerFactory,
        TimeProvider? time = null)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs a workflow to completion. <paramref name="stopToken"/> asks for a clean stop;
    /// <paramref name="abortToken"/> abandons work at once (in-flight activities are cancelled).
    /// </summary>
    public async Task<TOutput> RunAsync<TOutput>(
        string workflowName, string instanceId, object? input, CancellationToken stopToken = default, CancellationToken abortToken = default)
    {
        var run = new Run(this, stopToken, abortToken);
        var result = await run.RunWorkflowAsync(workflowName, instanceId, input);
        return WorkflowJson.RoundTrip<TOutput>(result)!;
    }

    private sealed class Run(InProcessWorkflowHost host, CancellationToken stopToken, CancellationToken abortToken)
    {
        public Task<object?> RunWorkflowAsync(string name, string instanceId, object? input)
        {
            var workflow = host._registry.Workflow(name);
            var context = new Context(this, instanceId);
            return Task.Run(() => workflow(context, input), abortToken);
        }

        public async Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input)
        {
            abortToken.ThrowIfCancellationRequested();
            if (stopToken.IsCancellationRequested && host._options.StoppableActivities.Contains(name))
            {
                return ActivityOutcome.Failure<TResult>(new ActivityError(ErrorCodes.Stopped, $"The run was asked to stop before activity {name} started."));
            }

            var activity = host._registry.Activity(name);
            var stoppable = host._options.StoppableActivities.Contains(name);
            var outcome = await Task.Run(
                () =>
                {
                    if (stoppable)
                    {
                        ActivityStop.Begin(stopToken);
                    }

                    return activity(host._services, input, abortToken);
                },
                abortToken);
            return WorkflowJson.RoundTrip<ActivityOutcome<TResult>>(outcome)!;
        }

        public async Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(abortToken, cancellationToken);
            await Task.Delay(delay, host._time, linked.Token);
        }

        public ILogger Logger(string category) => host._loggerFactory.CreateLogger(category);

        public DateTime Now => host._time.GetUtcNow().UtcDateTime;

        public void PublishStatus(string instanceId, object? status) => host._options.OnCustomStatus?.Invoke(instanceId, status);
    }

    private sealed class Context(Run run, string instanceId) : WorkflowContext
    {
        public override string InstanceId => instanceId;

        public override DateTime CurrentUtcDateTime => run.Now;

        public override bool IsReplaying => false;

        public override Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input) =>
            run.CallActivityAsync<TResult>(name, input);

        public override async Task<TResult> CallSubWorkflowAsync<TResult>(string name, string instanceId, object? input) =>
            WorkflowJson.RoundTrip<TResult>(await run.RunWorkflowAsync(name, instanceId, input))!;

        public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) =>
            run.CreateTimer(delay, cancellationToken);

        public override ILogger CreateReplaySafeLogger(string categoryName) => run.Logger(categoryName);

        public override void SetCustomStatus(object? status) => run.PublishStatus(instanceId, status);
    }
}
