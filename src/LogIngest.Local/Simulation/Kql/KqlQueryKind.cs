using LogIngest.Core.Kql;

namespace LogIngest.Local.Simulation.Kql;

/// <summary>Which of the builder's three shapes a query text is.</summary>
public enum KqlQueryKind
{
    Window,
    Count,
    Histogram,
}
