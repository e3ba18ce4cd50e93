using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Activities;

/// <summary>
/// The source's row count of one window (or key-split slice) with the config's filter: what
/// reconciliation compares with the rows a window wrote.
/// </summary>
public sealed class CountWindowActivity : IActivity<CountWindowInput, long>
{
    private readonly ILogSourceFactory _sources;

    public CountWindowActivity(ILogSourceFactory sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources;
    }

    public Task<long> RunAsync(CountWindowInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Config);
        var query = new LogWindowQuery(input.Config.Table, input.Axis, input.Window) { Split = input.Split, Filter = input.Config.Filter };
        return _sources.ForConfig(input.Config).CountAsync(query, cancellationToken);
    }
}
