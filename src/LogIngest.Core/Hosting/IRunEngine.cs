using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>
/// Where runs execute: the Durable engine (Functions app, engine tests) or this process
/// (<see cref="RunService"/>). A config has one instance id (<see cref="RunIds.InstanceFor"/>), so an
/// engine holds at most one run of it in flight.
/// </summary>
public interface IRunEngine
{
    /// <summary>Whether a run of the config is in flight (pending, running or suspended).</summary>
    Task<bool> IsInFlightAsync(string configId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts <see cref="LoadRunWorkflow"/> for <paramref name="input"/> under the config's instance id;
    /// false when a run of the config is already in flight (another starter won the race).
    /// </summary>
    Task<bool> TryStartAsync(LoadRunInput input, CancellationToken cancellationToken = default);
}
