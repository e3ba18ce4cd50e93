using LogIngest.Core.Hosting;
using LogIngest.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Durable.Tests;

/// <summary>The in-process host (<see cref="RunService"/>) as the CLI runs it.</summary>
public sealed class InProcessScenarioHost : IScenarioHost
{
    private readonly ServiceProvider _services;
    private readonly RunService _runs;

    public InProcessScenarioHost(ScenarioWorld world)
    {
        var services = new ServiceCollection();
        world.Compose(services);
        _services = services.BuildServiceProvider();
        _runs = _services.GetRequiredService<RunService>();
    }

    public IServiceProvider Services => _services;

    public IRunEngine Engine => _runs;

    public async Task<RunSummary> WaitAsync(RunTicket run) => (await _runs.WaitAsync(run.RunId)).Summary;

    public async Task TerminateAsync(RunTicket run)
    {
        _runs.Terminate(run.RunId);
        try
        {
            await _runs.WaitAsync(run.RunId);
        }
        catch (OperationCanceledException)
        {
            // Abandoned, as asked.
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
