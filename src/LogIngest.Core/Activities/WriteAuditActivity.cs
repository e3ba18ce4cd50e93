using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Activities;

/// <summary>Appends audit rows and run events (idempotent by event id). Workflows cannot do I/O; this does it for them.</summary>
public sealed class WriteAuditActivity(IRunEventStore events) : Workflows.IActivity<IReadOnlyList<RunEvent>, int>
{
    public async Task<int> RunAsync(IReadOnlyList<RunEvent> input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var runEvent in input)
        {
            await events.AppendEventAsync(runEvent, cancellationToken);
        }

        return input.Count;
    }
}
