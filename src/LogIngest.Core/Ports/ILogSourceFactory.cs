using LogIngest.Core.Model;

namespace LogIngest.Core.Ports;

/// <summary>
/// Picks the <see cref="ILogSource"/> a config reads from (<c>source.kind</c>: a Log Analytics
/// workspace or the simulated one). Hosts register one; activities take it from DI.
/// </summary>
public interface ILogSourceFactory
{
    /// <summary>The source for <paramref name="config"/>; throws <see cref="Observability.LogIngestException"/> C301 for a source kind the host cannot serve.</summary>
    ILogSource ForConfig(LoadConfig config);
}
