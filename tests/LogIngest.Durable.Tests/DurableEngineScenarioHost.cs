using LogIngest.Core.Hosting;
using LogIngest.Core.Workflows;
using LogIngest.TestSupport.Servers;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>
/// The real Durable Task engine in process: its in-memory backend behind the gRPC sidecar, a worker
/// with the workflows and activities registered by <see cref="DurableWorkflows"/> exactly as the
/// Functions app declares them, and the messages converted with the app's serializer.
/// </summary>
public sealed class DurableEngineScenarioHost : IScenarioHost
{
    private readonly DurableTaskTestHost _host;

    private DurableEngineScenarioHost(DurableTaskTestHost host)
    {
        _host = host;
        Engine = new DurableRunEngine(host.Client);
    }

    public IServiceProvider Services => _host.Services;

    public IRunEngine Engine { get; }

    public DurableTaskClient Client => _host.Client;

    public static async Task<DurableEngineScenarioHost> StartAsync(
        Action<IServiceCollection> compose, IWorkflowCallObserver? observer = null, Action<DurableTaskRegistry>? extra = null)
    {
        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registry.AddLogIngestWorkflows(observer);
                extra?.Invoke(registry);
            },
            new DurableTaskTestHostOptions
            {
                Port = FreePort.Next(),
                ConfigureServices = services =>
                {
                    compose(services);
                    services.AddSingleton(DurableWorkflows.Converter);
                },
            });
        return new DurableEngineScenarioHost(host);
    }

    public static Task<DurableEngineScenarioHost> StartAsync(ScenarioWorld world, IWorkflowCallObserver? observer = null) =>
        StartAsync(world.Compose, observer);

    public async Task<RunSummary> WaitAsync(RunTicket run)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var metadata = await _host.Client.WaitForInstanceCompletionAsync(run.InstanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(
            metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"{run.InstanceId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}\n{metadata.FailureDetails?.StackTrace}");
        return metadata.ReadOutputAs<RunSummary>()!;
    }

    public async Task TerminateAsync(RunTicket run)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _host.Client.TerminateInstanceAsync(run.InstanceId, new TerminateInstanceOptions { Output = "terminated by the test", Recursive = true }, timeout.Token);
        await _host.Client.WaitForInstanceCompletionAsync(run.InstanceId, timeout.Token);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
