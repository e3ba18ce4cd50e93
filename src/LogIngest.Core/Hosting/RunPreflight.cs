using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Hosting;

/// <summary>
/// What a host can learn from the source before it stores anything, so a mistake is said once
/// instead of once per window: the range the run would request (empty when it lies wholly after
/// now − settleDelay), and one query over its first hour, read only as far as its first batch, that the source answers with C302
/// for an unknown table, C303 for a filter it rejects, R401 when the identity cannot sign in, and
/// with the table's columns, against which <c>flatten</c> is checked (C301). A first minute without
/// with columns (C301). An hour without rows shows no columns; the flatten check is then left to the windows.
/// </summary>
public sealed class RunPreflight
{
    private readonly IReadOnlyList<ILogSourceProvider> _providers;
    private readonly TimeProvider _time;

    public RunPreflight(IEnumerable<ILogSourceProvider> providers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = [.. providers];
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Resolves the config's requested range as a run of it now would (from <paramref name="watermark"/>,
    /// the stored config's, for an incremental load), and probes the source over it. Reads no state.
    /// </summary>
    public async Task<RequestedRange> CheckAsync(LoadConfig config, DateTimeOffset? watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var range = RequestedRangeResolver.Resolve(config, watermark, _time.GetUtcNow());
        var probe = range.IsEmpty
            ? new Interval(Math.Max(0, range.Span.Start - TimeSpan.TicksPerHour), range.Span.Start) // the table and filter are checked even then
            : new Interval(range.Span.Start, Math.Min(range.Span.End, range.Span.Start + TimeSpan.TicksPerHour));
        // The provider's own source, outside the query gate: the gate's app-wide slots live in the state
        // store, which must not be created for a config that may yet be refused. One query, once.
        var source = _providers.LastOrDefault(p => p.Kind == config.Source.Kind)?.Create(config)
            ?? throw new LogIngestException(ErrorCodes.ConfigInvalid,
                $"source.kind '{config.Source.Kind}' of config '{config.Id}' is not served by this host (it serves: {string.Join(", ", _providers.Select(p => p.Kind).Distinct().Order(StringComparer.Ordinal))}).");
        try
        {
            await foreach (var batch in source.QueryAsync(LogWindowQuery.For(config, probe), cancellationToken).ConfigureAwait(false))
            {
                CheckFlatten(config, batch);
                break; // one batch shows the columns; leaving the stream ends the query
            }
        }
        catch (LogIngestException transient) when (ErrorCodes.IsRetryable(transient.Code) || transient.Code == ErrorCodes.ResultTruncated)
        {
            // Not a mistake of the config: the run's own retries and re-planning deal with these.
        }

        return range;
    }

    private static void CheckFlatten(LoadConfig config, LogBatch batch)
    {
        foreach (var name in config.Flatten)
        {
            var column = batch.FindColumn(name);
            if (column is null)
            {
                throw new LogIngestException(ErrorCodes.ConfigInvalid,
                    $"flatten: column '{name}' is not in table {config.Table} (its columns: {string.Join(", ", batch.Columns.Select(c => c.Name))}); remove it from flatten or fix its spelling (names are case-sensitive).");
            }

            if (column.Type is not (LogColumnType.Dynamic or LogColumnType.String))
            {
                throw new LogIngestException(ErrorCodes.ConfigInvalid,
                    $"flatten: column '{name}' of table {config.Table} is {LogColumnTypes.ToApiName(column.Type)}; only dynamic (or string holding JSON) columns can be flattened.");
            }
        }
    }
}
