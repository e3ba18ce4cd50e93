using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Activities;

public sealed record RecordEmptySpansInput(string ConfigId, string RunId, TimeAxis Axis, IReadOnlyList<Interval> Spans);

/// <summary>
/// Checkpoints time the plan found without rows as done with 0 rows, so a rerun does not plan it again.
/// </summary>
public sealed class RecordEmptySpansActivity(ICheckpointStore checkpoints, TimeProvider time) : Workflows.IActivity<RecordEmptySpansInput, int>
{
    public async Task<int> RunAsync(RecordEmptySpansInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var span in input.Spans)
        {
            await checkpoints.RecordWindowAsync(
                new WindowCheckpoint
                {
                    ConfigId = input.ConfigId,
                    Axis = input.Axis,
                    Window = span,
                    RunId = input.RunId,
                    CompletedAt = time.GetUtcNow(),
                },
                cancellationToken);
        }

        return input.Spans.Count;
    }
}
