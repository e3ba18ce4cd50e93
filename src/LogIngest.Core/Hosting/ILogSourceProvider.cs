using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Hosting;

/// <summary>
/// Makes the <see cref="ILogSource"/> of one source kind (<c>simulated</c>, <c>logAnalytics</c>).
/// Adapters register one each; <see cref="GatedLogSourceFactory"/> routes a config to it.
/// </summary>
public interface ILogSourceProvider
{
    /// <summary>The <c>source.kind</c> this provider serves, e.g. <see cref="SourceKinds.Simulated"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// A key that tells sources of this kind apart (e.g. the workspace id), so one source is made per
    /// key and reused; throw <see cref="Observability.LogIngestException"/> C301 naming the field when the config lacks it.
    /// </summary>
    string KeyOf(LoadConfig config);

    /// <summary>Makes the source for configs with this <see cref="KeyOf"/>.</summary>
    ILogSource Create(LoadConfig config);
}
