using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.State;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

public sealed partial class CosmosStateStore
{
    // One folding queue per (config, axis): writers in this process that arrive together are folded
    // into the coverage document by one ETag-guarded replace instead of racing one another.
    private readonly ConcurrentDictionary<(string ConfigId, TimeAxis Axis), CoverageQueue> _coverageQueues = new();

    /// <summary>
    /// Upserts the window record (the source of truth, idempotent), then folds it into the compacted
    /// coverage document under its ETag. Window records are written first, so a crash in between
    /// leaves coverage short (the window is redone, which overwrites its own files), never too long.
    /// </summary>
    public async Task RecordWindowAsync(WindowCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.ConfigId);
        await ReadyAsync().ConfigureAwait(false);
        var item = new CheckpointItem { Id = checkpoint.Key, ConfigId = checkpoint.ConfigId, Kind = CheckpointItem.WindowKind, Window = checkpoint };
        await RetryAsync("record window " + checkpoint.Key, ct => _checkpoints.UpsertItemAsync(item, new PartitionKey(checkpoint.ConfigId), cancellationToken: ct), cancellationToken).ConfigureAwait(false);

        var queue = _coverageQueues.GetOrAdd((checkpoint.ConfigId, checkpoint.Axis), _ => new CoverageQueue());
        var pending = new PendingFold(checkpoint);
        queue.Items.Enqueue(pending);
        await queue.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!pending.Done.Task.IsCompleted)
            {
                var batch = new List<PendingFold>();
                while (queue.Items.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    // The batch holds other writers' checkpoints too: one caller's cancellation must not
                    // fail theirs, so the fold runs to its end (each try has the store's own deadline).
                    await FoldAsync(checkpoint.ConfigId, checkpoint.Axis, batch, CancellationToken.None).ConfigureAwait(false);
                    batch.ForEach(b => b.Done.TrySetResult());
                }
                catch (Exception ex)
                {
                    batch.ForEach(b => b.Done.TrySetException(ex));
                }
            }
        }
        finally
        {
            queue.Gate.Release();
        }

        await pending.Done.Task.ConfigureAwait(false);
    }

    public async Task<IntervalSet> GetCoverageAsync(string configId, TimeAxis axis, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        await ReadyAsync().ConfigureAwait(false);
        var found = await PointReadAsync<CheckpointItem>(_checkpoints, CheckpointKeys.CoverageKey(axis), configId, "read coverage of " + configId, cancellationToken).ConfigureAwait(false);
        return found?.Item.Coverage?.ToIntervalSet() ?? IntervalSet.Empty;
    }

    public async IAsyncEnumerable<WindowCheckpoint> ListWindowsAsync(string configId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        await ReadyAsync().ConfigureAwait(false);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.configId = @configId AND c.kind = @kind")
            .WithParameter("@configId", configId)
            .WithParameter("@kind", CheckpointItem.WindowKind);
        var items = await QueryPartitionAsync<CheckpointItem>(_checkpoints, query, configId, "list windows of " + configId, cancellationToken).ConfigureAwait(false);

        // Sorted here: ORDER BY would need the query plan this store avoids.
        foreach (var window in items.Select(i => i.Window!).OrderBy(w => w.Axis).ThenBy(w => w.Window.Start).ThenBy(w => w.Key, StringComparer.Ordinal))
        {
            yield return window;
        }
    }

    public async Task<IReadOnlyList<WindowCheckpoint>> ForgetWindowsAsync(string configId, TimeAxis axis, Interval span, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        var forgotten = new List<WindowCheckpoint>();
        await foreach (var window in ListWindowsAsync(configId, cancellationToken).ConfigureAwait(false))
        {
            if (window.Axis == axis && window.Window.Overlaps(span))
            {
                forgotten.Add(window);
            }
        }

        if (forgotten.Count == 0)
        {
            return forgotten;
        }

        // Coverage first: a crash before the deletes leaves records the coverage no longer counts
        // (those windows are loaded again, overwriting their own files), never coverage without records.
        await UpdateSharedAsync<CheckpointItem>(
            _checkpoints,
            CheckpointKeys.CoverageKey(axis),
            configId,
            "forget coverage of " + configId,
            current => new CheckpointItem
            {
                Id = CheckpointKeys.CoverageKey(axis),
                ConfigId = configId,
                Kind = CheckpointItem.CoverageKind,
                Coverage = (current?.Coverage ?? CheckpointCoverage.Empty(configId, axis)).Without(forgotten),
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var window in forgotten)
        {
            try
            {
                await RetryAsync("forget window " + window.Key, ct => _checkpoints.DeleteItemAsync<CheckpointItem>(window.Key, new PartitionKey(configId), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            }
            catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Forgotten already (a retried reset).
            }
        }

        return forgotten;
    }

    private Task<CheckpointItem> FoldAsync(string configId, TimeAxis axis, List<PendingFold> batch, CancellationToken cancellationToken) =>
        UpdateSharedAsync<CheckpointItem>(
            _checkpoints,
            CheckpointKeys.CoverageKey(axis),
            configId,
            "update coverage of " + configId,
            current =>
            {
                var coverage = current?.Coverage ?? CheckpointCoverage.Empty(configId, axis);
                foreach (var fold in batch)
                {
                    coverage = coverage.Apply(fold.Checkpoint);
                }

                return new CheckpointItem { Id = CheckpointKeys.CoverageKey(axis), ConfigId = configId, Kind = CheckpointItem.CoverageKind, Coverage = coverage };
            },
            cancellationToken);

    private sealed class CoverageQueue
    {
        public ConcurrentQueue<PendingFold> Items { get; } = new();

        public SemaphoreSlim Gate { get; } = new(1, 1);
    }

    private sealed class PendingFold(WindowCheckpoint checkpoint)
    {
        public WindowCheckpoint Checkpoint { get; } = checkpoint;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
