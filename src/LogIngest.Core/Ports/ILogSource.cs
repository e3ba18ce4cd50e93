using LogIngest.Core.Model;

namespace LogIngest.Core.Ports;

/// <summary>
/// A Log Analytics workspace, or something answering like one. Every query is on one table, one
/// time axis and a half-open window, optionally one key-split slice and the config's filter.
/// Failures throw <see cref="Observability.LogIngestException"/>: T101/T103 (with RetryAfter when the
/// service gave one), T102, C302/C303 (the service's message), R401, D202 for a truncated result.
/// </summary>
public interface ILogSource
{
    /// <summary>
    /// <c>count()</c> and <c>sum(estimate_data_size(*))</c> per bin of the range, ordered by time;
    /// bins without rows are left out. The bins' rows sum to <see cref="CountAsync"/> of the range.
    /// </summary>
    Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default);

    /// <summary>The number of rows in the window.</summary>
    Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The window's rows as typed columnar batches, streamed: the whole result is never held at once.
    /// A truncated result (a PartialError, or a result at the row or byte cap) yields what arrived and
    /// then throws <see cref="Observability.LogIngestException"/> with code D202 <em>at the end of the
    /// enumeration</em>, so only a stream enumerated to its end without exception is complete: commit
    /// nothing before that.
    /// </summary>
    IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default);
}
