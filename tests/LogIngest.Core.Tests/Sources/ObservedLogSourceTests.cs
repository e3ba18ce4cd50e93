using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using Microsoft.Extensions.Logging;

namespace LogIngest.Core.Tests.Sources;

public sealed class ObservedLogSourceTests
{
    private static readonly LogWindowQuery Query = new("OfficeActivity", TimeAxis.TimeGenerated, Interval.FromUtc(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public async Task CountAsync_Throttled_LogsTheRetryAfterAndRethrows()
    {
        var logger = new ListLogger();
        var source = new ObservedLogSource(new FailingSource(new LogIngestException(ErrorCodes.Throttled, "429", retryAfter: TimeSpan.FromSeconds(7))), logger, TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<LogIngestException>(() => source.CountAsync(Query));

        Assert.Equal(ErrorCodes.Throttled, error.Code);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogEventIds.SourceThrottled, entry.Id);
        Assert.Contains("00:00:07", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_FailsAtTheEndOfTheStream_LogsTheCodeAndRethrows()
    {
        var logger = new ListLogger();
        var source = new ObservedLogSource(new FailingSource(new LogIngestException(ErrorCodes.ResultTruncated, "PartialError")), logger, TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<LogIngestException>(async () =>
        {
            await foreach (var _ in source.QueryAsync(Query))
            {
            }
        });

        Assert.Equal(ErrorCodes.ResultTruncated, error.Code);
        Assert.Equal(LogEventIds.SourceFailed, Assert.Single(logger.Entries).Id);
    }

    [Fact]
    public async Task CountAsync_SlowerThanTheThreshold_LogsASlowQuery()
    {
        var logger = new ListLogger();
        var source = new ObservedLogSource(new FailingSource(null, TimeSpan.FromMilliseconds(30)), logger, TimeSpan.FromMilliseconds(10));

        Assert.Equal(42, await source.CountAsync(Query));

        Assert.Equal(LogEventIds.SlowQuery, Assert.Single(logger.Entries).Id);
    }

    private sealed class FailingSource(LogIngestException? failure, TimeSpan delay = default) : ILogSource
    {
        public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) =>
            throw failure!;

        public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            return failure is null ? 42 : throw failure;
        }

        public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (failure is not null)
            {
                throw failure;
            }

            yield break;
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<(int Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId.Id, formatter(state, exception)));
    }
}
