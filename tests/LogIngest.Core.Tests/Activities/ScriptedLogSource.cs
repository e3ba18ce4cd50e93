using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Tests.Activities;

/// <summary>A source that answers given batches, then optionally fails, and counts from a queue of answers.</summary>
internal sealed class ScriptedLogSource(IReadOnlyList<LogBatch> batches, Exception? failAtEnd = null, params long[] counts) : ILogSource, ILogSourceFactory
{
    private readonly Queue<long> _counts = new(counts);

    public int CountCalls { get; private set; }

    public ILogSource ForConfig(LoadConfig config) => this;

    public Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        CountCalls++;
        return Task.FromResult(_counts.Count > 1 ? _counts.Dequeue() : _counts.Peek());
    }

    public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Ingest never asks for a histogram.");

    public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var batch in batches)
        {
            await Task.Yield();
            yield return batch;
        }

        if (failAtEnd is not null)
        {
            throw failAtEnd;
        }
    }
}
