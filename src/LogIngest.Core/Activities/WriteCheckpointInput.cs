using LogIngest.Core.Model;

namespace LogIngest.Core.Activities;

/// <summary>What <see cref="WriteCheckpointActivity"/> records: one window's result, for one run of one config.</summary>
public sealed record WriteCheckpointInput(string ConfigId, string RunId, string? ParentRunId, TimeAxis Axis, WindowResult Result)
{
    /// <summary>The attempt that ingested the window (1 when its first try succeeded), recorded on its WINDOW row.</summary>
    public int Attempt { get; init; } = 1;
}
