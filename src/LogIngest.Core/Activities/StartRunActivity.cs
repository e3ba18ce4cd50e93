using LogIngest.Core.Model;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Activities;

public sealed record StartRunInput(string ConfigId, string RunId, TimeAxis Axis, Interval Requested, IReadOnlyList<Interval> Gaps, int Ranges)
{
    /// <summary>The failed run this one reruns (<see cref="LoadedConfig.ParentRunId"/>).</summary>
    public string? ParentRunId { get; init; }
}

/// <summary>Marks the config RUNNING with this run as its last, and appends RUN_START.</summary>
public sealed class StartRunActivity(IStateStore state, TimeProvider time) : Workflows.IActivity<StartRunInput, bool>
{
    public async Task<bool> RunAsync(StartRunInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        await ControlUpdates.UpdateAsync(
            state, input.ConfigId, d => d with { Status = RunStatus.Running, LastRunId = input.RunId }, cancellationToken);
        await state.AppendEventAsync(
            new RunEvent
            {
                EventId = RunEventIds.RunStart(input.RunId),
                RunId = input.RunId,
                ParentRunId = input.ParentRunId,
                ConfigId = input.ConfigId,
                EventType = RunEventTypes.RunStart,
                Status = RunStatus.Running,
                Timestamp = now,
                Start = now,
                Window = input.Requested,
                Message = $"{input.Axis} {input.Requested}: {input.Gaps.Count} gap(s) in {input.Ranges} range(s)",
            },
            cancellationToken);
        return true;
    }
}
