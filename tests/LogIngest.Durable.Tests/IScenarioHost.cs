using LogIngest.Core.Hosting;
using LogIngest.Core.Workflows;

namespace LogIngest.Durable.Tests;

/// <summary>A host that runs the workflows: the in-process host, or the real Durable engine.</summary>
public interface IScenarioHost : IAsyncDisposable
{
    /// <summary>The host's services (activities, state, lake).</summary>
    IServiceProvider Services { get; }

    /// <summary>Where the host runs workflows; what <see cref="RunLauncher"/> starts runs on.</summary>
    IRunEngine Engine { get; }

    /// <summary>The summary of a started run once it has ended.</summary>
    Task<RunSummary> WaitAsync(RunTicket run);

    /// <summary>Abandons a run at once, sub-workflows included, and returns once it has ended.</summary>
    Task TerminateAsync(RunTicket run);
}
