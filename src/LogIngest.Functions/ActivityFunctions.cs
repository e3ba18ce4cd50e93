using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;
using LogIngest.Durable;
using Microsoft.Azure.Functions.Worker;

namespace LogIngest.Functions;

/// <summary>
/// One Durable activity function per activity of <see cref="WorkflowCatalog"/> (a test keeps the two
/// lists equal). Each runs the catalog's activity, which answers classified failures as data so the
/// workflow's retry decision keeps the error code.
/// </summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(ActivityNames.LoadConfig)]
    public Task<ActivityOutcome<LoadedConfig>> LoadConfig([ActivityTrigger] string configId, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<string, LoadedConfig>(services, ActivityNames.LoadConfig, configId, cancellationToken);

    [Function(ActivityNames.StartRun)]
    public Task<ActivityOutcome<bool>> StartRun([ActivityTrigger] StartRunInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<StartRunInput, bool>(services, ActivityNames.StartRun, input, cancellationToken);

    [Function(ActivityNames.LoadCheckpoints)]
    public Task<ActivityOutcome<IReadOnlyList<Interval>>> LoadCheckpoints([ActivityTrigger] LoadCheckpointsInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<LoadCheckpointsInput, IReadOnlyList<Interval>>(services, ActivityNames.LoadCheckpoints, input, cancellationToken);

    [Function(ActivityNames.PlanWindows)]
    public Task<ActivityOutcome<PlanWindowsResult>> PlanWindows([ActivityTrigger] PlanWindowsInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<PlanWindowsInput, PlanWindowsResult>(services, ActivityNames.PlanWindows, input, cancellationToken);

    [Function(ActivityNames.IngestWindow)]
    public Task<ActivityOutcome<WindowResult>> IngestWindow([ActivityTrigger] IngestWindowInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<IngestWindowInput, WindowResult>(services, ActivityNames.IngestWindow, input, cancellationToken);

    [Function(ActivityNames.CountWindow)]
    public Task<ActivityOutcome<long>> CountWindow([ActivityTrigger] CountWindowInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<CountWindowInput, long>(services, ActivityNames.CountWindow, input, cancellationToken);

    [Function(ActivityNames.WriteCheckpoint)]
    public Task<ActivityOutcome<bool>> WriteCheckpoint([ActivityTrigger] WriteCheckpointInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<WriteCheckpointInput, bool>(services, ActivityNames.WriteCheckpoint, input, cancellationToken);

    [Function(ActivityNames.RecordEmptySpans)]
    public Task<ActivityOutcome<int>> RecordEmptySpans([ActivityTrigger] RecordEmptySpansInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<RecordEmptySpansInput, int>(services, ActivityNames.RecordEmptySpans, input, cancellationToken);

    [Function(ActivityNames.WriteAudit)]
    public Task<ActivityOutcome<int>> WriteAudit([ActivityTrigger] IReadOnlyList<RunEvent> events, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<IReadOnlyList<RunEvent>, int>(services, ActivityNames.WriteAudit, events, cancellationToken);

    [Function(ActivityNames.CompleteRun)]
    public Task<ActivityOutcome<bool>> CompleteRun([ActivityTrigger] CompleteRunInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<CompleteRunInput, bool>(services, ActivityNames.CompleteRun, input, cancellationToken);

    [Function(ActivityNames.Heartbeat)]
    public Task<ActivityOutcome<bool>> Heartbeat([ActivityTrigger] HeartbeatInput input, CancellationToken cancellationToken) =>
        DurableWorkflows.RunActivityAsync<HeartbeatInput, bool>(services, ActivityNames.Heartbeat, input, cancellationToken);
}
