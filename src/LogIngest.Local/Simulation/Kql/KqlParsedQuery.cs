using LogIngest.Core.Model;
using LogIngest.Core.Kql;

namespace LogIngest.Local.Simulation.Kql;

/// <summary>A query text read back into what <see cref="KqlQueries"/> built it from; <see cref="Bin"/> is set for histograms.</summary>
public sealed record KqlParsedQuery(KqlQueryKind Kind, LogWindowQuery Window, TimeSpan? Bin)
{
    public LogHistogramQuery ToHistogram() =>
        new(Window.Table, Window.Axis, Window.Window, Bin ?? throw new InvalidOperationException("Not a histogram query."))
        {
            Split = Window.Split,
            Filter = Window.Filter,
        };
}
