using System.Collections.Concurrent;

namespace LogIngest.Core.Hosting;

/// <summary>
/// Fans the in-process host's custom-status callbacks out to whoever watches a run. Workflow instance
/// ids are <c>{runId}</c> and <c>{runId}:r{index}</c>, so a status belongs to the run named before the first ':'.
/// </summary>
public sealed class WorkflowStatusFeed
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action<string, object?>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>The run id an instance id belongs to.</summary>
    public static string RunIdOf(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var colon = instanceId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? instanceId : instanceId[..colon];
    }

    /// <summary>Calls <paramref name="onStatus"/> (instance id, status) for every status of <paramref name="runId"/> until disposed.</summary>
    public IDisposable Watch(string runId, Action<string, object?> onStatus)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(onStatus);
        var id = Guid.NewGuid();
        _watchers.GetOrAdd(runId, _ => new()).TryAdd(id, onStatus);
        return new Subscription(this, runId, id);
    }

    /// <summary>What the host calls: <see cref="Workflows.InProcessHostOptions.OnCustomStatus"/>.</summary>
    public void Publish(string instanceId, object? status)
    {
        if (_watchers.TryGetValue(RunIdOf(instanceId), out var watchers))
        {
            foreach (var watcher in watchers.Values)
            {
                watcher(instanceId, status);
            }
        }
    }

    private sealed class Subscription(WorkflowStatusFeed feed, string runId, Guid id) : IDisposable
    {
        public void Dispose()
        {
            if (feed._watchers.TryGetValue(runId, out var watchers))
            {
                watchers.TryRemove(id, out _);
            }
        }
    }
}
