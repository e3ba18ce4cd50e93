using System.Diagnostics;
using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Sources;

/// <summary>
/// Logs what a source does that an operator wants to see: throttling (T101, with the service's
/// Retry-After), other failures with their code, and queries slower than a threshold. Changes no
/// answer: every failure is rethrown as it came.
/// </summary>
public sealed partial class ObservedLogSource(ILogSource inner, ILogger logger, TimeSpan slowQuery) : ILogSource
{
    public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ObserveAsync(() => inner.GetHistogramAsync(query, cancellationToken), "histogram", query.Table, query.Range);
    }

    public Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ObserveAsync(() => inner.CountAsync(query, cancellationToken), "count", query.Table, query.Window);
    }

    public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clock = Stopwatch.StartNew();
        await using var batches = inner.QueryAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                LogBatch batch;
                try
                {
                    if (!await batches.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    batch = batches.Current;
                }
                catch (LogIngestException failed)
                {
                    Failed(failed, "window", query.Table, query.Window);
                    throw;
                }

                yield return batch;
            }
        }
        finally
        {
            Timed(clock, "window", query.Table, query.Window);
        }
    }

    private async Task<T> ObserveAsync<T>(Func<Task<T>> query, string kind, string table, Interval span)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await query().ConfigureAwait(false);
        }
        catch (LogIngestException failed)
        {
            Failed(failed, kind, table, span);
            throw;
        }
        finally
        {
            Timed(clock, kind, table, span);
        }
    }

    private void Failed(LogIngestException failed, string kind, string table, Interval span)
    {
        if (failed.Code == ErrorCodes.Throttled)
        {
            Throttled(logger, kind, table, span, failed.RetryAfter);
        }
        else
        {
            SourceFailed(logger, kind, table, span, failed.Code, failed.Message);
        }
    }

    private void Timed(Stopwatch clock, string kind, string table, Interval span)
    {
        if (clock.Elapsed >= slowQuery)
        {
            SlowQuery(logger, kind, table, span, clock.Elapsed);
        }
    }

    [LoggerMessage(EventId = LogEventIds.SourceThrottled, Level = LogLevel.Warning, Message = "Throttled: {Kind} query of {Table} {Span}; the service asks to wait {RetryAfter}")]
    private static partial void Throttled(ILogger logger, string kind, string table, Interval span, TimeSpan? retryAfter);

    [LoggerMessage(EventId = LogEventIds.SourceFailed, Level = LogLevel.Warning, Message = "{Kind} query of {Table} {Span} failed with {Code}: {Reason}")]
    private static partial void SourceFailed(ILogger logger, string kind, string table, Interval span, string code, string reason);

    [LoggerMessage(EventId = LogEventIds.SlowQuery, Level = LogLevel.Warning, Message = "Slow {Kind} query of {Table} {Span}: {Elapsed}")]
    private static partial void SlowQuery(ILogger logger, string kind, string table, Interval span, TimeSpan elapsed);
}
