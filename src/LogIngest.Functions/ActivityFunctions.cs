using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace LogIngest.Functions;

/// <summary>
/// One Durable activity function per tier-3 activity. Each runs the Core activity through
/// <see cref="ActivityInvoker"/>, which answers classified failures as data so the workflow's retry
/// decision keeps the error code.
/// </summary>
public sealed class ActivityFunctions(
    LoadConfigActivity loadConfig,
    StartRunActivity startRun,
    LoadCheckpointsActivity loadCheckpoints,
    PlanWindowsActivity planWindows,
    IngestWindowActivity ingestWindow,
    CountWindowActivity countWindow,
    WriteCheckpointActivity writeCheckpoint,
    RecordEmptySpansActivity recordEmptySpans,
    WriteAuditActivity writeAudit,
    CompleteRunActivity completeRun)
{
    [Function(ActivityNames.LoadConfig)]
    public Task<ActivityOutcome<LoadedConfig>> LoadConfig([ActivityTrigger] string configId, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(loadConfig, configId, cancellationToken);

    [Function(ActivityNames.StartRun)]
    public Task<ActivityOutcome<bool>> StartRun([ActivityTrigger] StartRunInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(startRun, input, cancellationToken);

    [Function(ActivityNames.LoadCheckpoints)]
    public Task<ActivityOutcome<IReadOnlyList<Interval>>> LoadCheckpoints([ActivityTrigger] LoadCheckpointsInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(loadCheckpoints, input, cancellationToken);

    [Function(ActivityNames.PlanWindows)]
    public Task<ActivityOutcome<PlanWindowsResult>> PlanWindows([ActivityTrigger] PlanWindowsInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(planWindows, input, cancellationToken);

    [Function(ActivityNames.IngestWindow)]
    public Task<ActivityOutcome<WindowResult>> IngestWindow([ActivityTrigger] IngestWindowInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(ingestWindow, input, cancellationToken);

    [Function(ActivityNames.CountWindow)]
    public Task<ActivityOutcome<long>> CountWindow([ActivityTrigger] CountWindowInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(countWindow, input, cancellationToken);

    [Function(ActivityNames.WriteCheckpoint)]
    public Task<ActivityOutcome<bool>> WriteCheckpoint([ActivityTrigger] WriteCheckpointInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(writeCheckpoint, input, cancellationToken);

    [Function(ActivityNames.RecordEmptySpans)]
    public Task<ActivityOutcome<int>> RecordEmptySpans([ActivityTrigger] RecordEmptySpansInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(recordEmptySpans, input, cancellationToken);

    [Function(ActivityNames.WriteAudit)]
    public Task<ActivityOutcome<int>> WriteAudit([ActivityTrigger] IReadOnlyList<RunEvent> events, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(writeAudit, events, cancellationToken);

    [Function(ActivityNames.CompleteRun)]
    public Task<ActivityOutcome<bool>> CompleteRun([ActivityTrigger] CompleteRunInput input, CancellationToken cancellationToken) =>
        ActivityInvoker.InvokeAsync(completeRun, input, cancellationToken);
}
