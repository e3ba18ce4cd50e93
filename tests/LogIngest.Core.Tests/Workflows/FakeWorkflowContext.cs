using System.Collections.Concurrent;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Tests.Workflows;

/// <summary>
/// A scripted workflow context: activities are functions of their input, timers complete at once and
/// are recorded (a cancellable one, the heartbeat's, waits for its cancellation), sub-workflows run inline on a child context. Records every call and the peak number
/// of activity calls of each name in flight, to check fan-out width.
/// </summary>
internal sealed class FakeWorkflowContext : WorkflowContext
{
    private readonly Dictionary<string, Func<object?, Task<object>>> _activities;
    private readonly Dictionary<string, Func<WorkflowContext, object?, Task<object?>>> _workflows;
    private readonly Shared _shared;

    public FakeWorkflowContext(string instanceId = "run-1")
        : this(instanceId, new(StringComparer.Ordinal), new(StringComparer.Ordinal), new Shared())
    {
    }

    private FakeWorkflowContext(
        string instanceId,
        Dictionary<string, Func<object?, Task<object>>> activities,
        Dictionary<string, Func<WorkflowContext, object?, Task<object?>>> workflows,
        Shared shared)
    {
        InstanceId = instanceId;
        _activities = activities;
        _workflows = workflows;
        _shared = shared;
    }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => _shared.Now;

    public override bool IsReplaying => false;

    public DateTime Now { get => _shared.Now; set => _shared.Now = value; }

    public ConcurrentQueue<(string Name, object? Input)> Calls => _shared.Calls;

    public ConcurrentQueue<TimeSpan> Timers => _shared.Timers;

    public ConcurrentQueue<(string InstanceId, object? Status)> Statuses => _shared.Statuses;

    public int PeakInFlight(string name) => _shared.Peak.GetValueOrDefault(name);

    /// <summary>Scripts an activity that answers a value or throws a classified failure.</summary>
    public FakeWorkflowContext OnAsync<TInput, TOutput>(string name, Func<TInput, Task<TOutput>> run)
    {
        _activities[name] = async input =>
        {
            var typed = WorkflowJson.RoundTrip<TInput>(input)!;
            return await ActivityInvoker.InvokeAsync(new Scripted<TInput, TOutput>(run), typed);
        };
        return this;
    }

    public FakeWorkflowContext On<TInput, TOutput>(string name, Func<TInput, TOutput> run) =>
        OnAsync<TInput, TOutput>(name, input => Task.FromResult(run(input)));

    public FakeWorkflowContext Workflow<TInput, TOutput>(string name, Func<WorkflowContext, TInput, Task<TOutput>> run)
    {
        _workflows[name] = async (context, input) => await run(context, WorkflowJson.RoundTrip<TInput>(input)!);
        return this;
    }

    public int CallCount(string name) => _shared.Calls.Count(c => c.Name == name);

    public IEnumerable<T> Inputs<T>(string name) => _shared.Calls.Where(c => c.Name == name).Select(c => WorkflowJson.RoundTrip<T>(c.Input)!);

    public override async Task<ActivityOutcome<TResult>> CallActivityAsync<TResult>(string name, object? input)
    {
        _shared.Calls.Enqueue((name, input));
        if (!_activities.TryGetValue(name, out var activity))
        {
            throw new InvalidOperationException($"The test did not script activity {name}.");
        }

        var now = _shared.InFlight.AddOrUpdate(name, 1, (_, n) => n + 1);
        _shared.Peak.AddOrUpdate(name, now, (_, peak) => Math.Max(peak, now));
        try
        {
            await Task.Yield(); // let the workflow start other calls before this one answers
            return WorkflowJson.RoundTrip<ActivityOutcome<TResult>>(await activity(input))!;
        }
        finally
        {
            _shared.InFlight.AddOrUpdate(name, 0, (_, n) => n - 1);
        }
    }

    public override async Task<TResult> CallSubWorkflowAsync<TResult>(string name, string instanceId, object? input)
    {
        var child = new FakeWorkflowContext(instanceId, _activities, _workflows, _shared);
        return WorkflowJson.RoundTrip<TResult>(await _workflows[name](child, input))!;
    }

    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        // A cancellable timer is LoadRun's heartbeat: scripted time never passes, so it never fires and
        // ends when the run cancels it (retry backoff timers are not cancellable: they fire at once).
        if (cancellationToken.CanBeCanceled)
        {
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }

        _shared.Timers.Enqueue(delay);
        return Task.CompletedTask;
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

    public override void SetCustomStatus(object? status) => _shared.Statuses.Enqueue((InstanceId, status));

    private sealed class Shared
    {
        public DateTime Now { get; set; } = new(2025, 1, 8, 0, 0, 0, DateTimeKind.Utc);

        public ConcurrentQueue<(string Name, object? Input)> Calls { get; } = new();

        public ConcurrentQueue<TimeSpan> Timers { get; } = new();

        public ConcurrentQueue<(string InstanceId, object? Status)> Statuses { get; } = new();

        public ConcurrentDictionary<string, int> InFlight { get; } = new();

        public ConcurrentDictionary<string, int> Peak { get; } = new();
    }

    private sealed class Scripted<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : IActivity<TInput, TOutput>
    {
        public Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken = default) => run(input);
    }
}
