using LogIngest.Core.Model;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Activities;

public sealed record LoadCheckpointsInput(string ConfigId, TimeAxis Axis);

/// <summary>The merged coverage of a config's completed windows on one axis.</summary>
public sealed class LoadCheckpointsActivity(ICheckpointStore checkpoints) : Workflows.IActivity<LoadCheckpointsInput, IReadOnlyList<Interval>>
{
    public async Task<IReadOnlyList<Interval>> RunAsync(LoadCheckpointsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await checkpoints.GetCoverageAsync(input.ConfigId, input.Axis, cancellationToken)).Intervals;
    }
}
