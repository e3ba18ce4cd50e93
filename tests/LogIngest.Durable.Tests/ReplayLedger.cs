using System.Collections.Concurrent;
using System.Text.Json;
using LogIngest.Core.Workflows;

namespace LogIngest.Durable.Tests;

/// <summary>
/// Remembers every decision of every workflow instance by its position, and compares each later
/// execution (Durable replays an orchestrator from the start on every new event) with it: the same
/// call, to the same name, with the same input. A workflow that read the wall clock, a random number
/// or anything outside its history shows up here as a mismatch.
/// </summary>
public sealed class ReplayLedger : IWorkflowCallObserver
{
    private readonly ConcurrentDictionary<(string Instance, int Sequence), string> _first = new();
    private readonly ConcurrentQueue<string> _mismatches = new();
    private int _replayed;

    /// <summary>Decisions made again by a replay (and so compared).</summary>
    public int Replayed => Volatile.Read(ref _replayed);

    /// <summary>Decisions seen once or more.</summary>
    public int Decisions => _first.Count;

    public IReadOnlyCollection<string> Mismatches => _mismatches;

    public void OnCall(WorkflowCall workflowCall)
    {
        ArgumentNullException.ThrowIfNull(workflowCall);
        var input = workflowCall.Input is null ? "null" : JsonSerializer.Serialize(workflowCall.Input, workflowCall.Input.GetType(), WorkflowJson.Options);
        var signature = $"{workflowCall.Kind} {workflowCall.Name} {input}";
        var key = (workflowCall.InstanceId, workflowCall.Sequence);
        if (_first.TryAdd(key, signature))
        {
            return;
        }

        Interlocked.Increment(ref _replayed);
        if (_first[key] != signature)
        {
            _mismatches.Enqueue($"{workflowCall.InstanceId} #{workflowCall.Sequence}: first '{_first[key]}', then '{signature}'");
        }
    }
}
