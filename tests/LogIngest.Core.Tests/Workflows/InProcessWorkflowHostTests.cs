using LogIngest.Core.Observability;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Tests.Workflows;

public class InProcessWorkflowHostTests
{
    private static readonly WorkflowRetryPolicy FastRetry = new() { FirstDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 3 };

    public sealed record Echo(int Value);

    /// <summary>Fails with the given codes in order, then succeeds; counts calls.</summary>
    public sealed class FlakyActivity : IActivity<Echo, Echo>
    {
        public Queue<string> Failures { get; } = new();

        public int Calls { get; private set; }

        public Task<Echo> RunAsync(Echo input, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Failures.TryDequeue(out var code)
                ? throw new LogIngestException(code, "injected " + code)
                : Task.FromResult(new Echo(input.Value * 2));
        }
    }

    [Fact]
    public async Task RunAsync_TransientFailuresThenSuccess_RetriesAndAnswersValue()
    {
        var (host, activity) = Build();
        activity.Failures.Enqueue(ErrorCodes.Throttled);
        activity.Failures.Enqueue(ErrorCodes.Unavailable);

        var result = await host.RunAsync<int[]>("retrying", "run-1", new Echo(21));

        Assert.Equal([42, 2], result); // value, retries
        Assert.Equal(3, activity.Calls);
    }

    [Fact]
    public async Task RunAsync_RetriesExhausted_AnswersLastError()
    {
        var (host, activity) = Build();
        for (var i = 0; i < 10; i++)
        {
            activity.Failures.Enqueue(ErrorCodes.Timeout);
        }

        var result = await host.RunAsync<int[]>("retrying", "run-1", new Echo(1));

        Assert.Equal([-1, FastRetry.MaxRetries], result);
        Assert.Equal(FastRetry.MaxRetries + 1, activity.Calls);
    }

    [Fact]
    public async Task RunAsync_NonRetryableFailure_IsNotRetried()
    {
        var (host, activity) = Build();
        activity.Failures.Enqueue(ErrorCodes.ResultTruncated);

        var result = await host.RunAsync<int[]>("retrying", "run-1", new Echo(1));

        Assert.Equal([-1, 0], result);
        Assert.Equal(1, activity.Calls);
    }

    [Fact]
    public async Task RunAsync_StopRequested_StoppableActivityAnswersStoppedWithoutRunning()
    {
        var (host, activity) = Build(stoppable: true);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var result = await host.RunAsync<int[]>("retrying", "run-1", new Echo(1), stop.Token);

        Assert.Equal([-1, 0], result);
        Assert.Equal(0, activity.Calls);
    }

    [Fact]
    public async Task RunAsync_SubWorkflows_RunConcurrentlyAndKeepTheirInstanceIds()
    {
        var gate = new TaskCompletionSource();
        var started = 0;
        var registry = new WorkflowRegistry()
            .AddWorkflow<int, string>("child", async (context, input) =>
            {
                if (Interlocked.Increment(ref started) == 3)
                {
                    gate.SetResult();
                }

                await gate.Task; // only completes if all three children run at once
                return context.InstanceId;
            })
            .AddWorkflow<int, string[]>("parent", async (context, count) =>
                await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
                    context.CallSubWorkflowAsync<string>("child", $"{context.InstanceId}:r{i}", i))));
        var host = new InProcessWorkflowHost(new ServiceCollection().BuildServiceProvider(), registry, new InProcessHostOptions(), NullLoggerFactory.Instance);

        var ids = await host.RunAsync<string[]>("parent", "run-7", 3).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["run-7:r0", "run-7:r1", "run-7:r2"], ids);
    }

    [Fact]
    public async Task RunAsync_UnclassifiedActivityException_BecomesU900Outcome()
    {
        var services = new ServiceCollection().AddSingleton<Thrower>().BuildServiceProvider();
        var registry = new WorkflowRegistry()
            .AddActivity<Echo, Echo, Thrower>("throw")
            .AddWorkflow<Echo, string>("wf", async (context, input) =>
                (await context.CallActivityAsync<Echo>("throw", input)).Error!.Code);
        var host = new InProcessWorkflowHost(services, registry, new InProcessHostOptions(), NullLoggerFactory.Instance);

        Assert.Equal(ErrorCodes.Unknown, await host.RunAsync<string>("wf", "x", new Echo(0)));
    }

    public sealed class Thrower : IActivity<Echo, Echo>
    {
        public Task<Echo> RunAsync(Echo input, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");
    }

    private static (InProcessWorkflowHost Host, FlakyActivity Activity) Build(bool stoppable = false)
    {
        var activity = new FlakyActivity();
        var services = new ServiceCollection().AddSingleton(activity).BuildServiceProvider();
        var registry = new WorkflowRegistry()
            .AddActivity<Echo, Echo, FlakyActivity>("flaky")
            .AddWorkflow<Echo, int[]>("retrying", async (context, input) =>
            {
                var (outcome, retries) = await context.CallActivityWithRetryAsync<Echo>("flaky", input, FastRetry);
                return [outcome.Succeeded ? outcome.Value!.Value : -1, retries];
            });
        var options = new InProcessHostOptions();
        if (stoppable)
        {
            options.StoppableActivities.Add("flaky");
        }

        return (new InProcessWorkflowHost(services, registry, options, NullLoggerFactory.Instance), activity);
    }
}
