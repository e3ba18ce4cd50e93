using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Local.Simulation;

namespace LogIngest.Local.Hosting;

/// <summary>Serves <c>source.kind = simulated</c> with the host's one <see cref="SimulatedWorkspace"/>.</summary>
public sealed class SimulatedSourceProvider(SimulatedWorkspace workspace) : ILogSourceProvider
{
    public string Kind => SourceKinds.Simulated;

    public string KeyOf(LoadConfig config) => "workspace";

    public ILogSource Create(LoadConfig config) => workspace;
}
