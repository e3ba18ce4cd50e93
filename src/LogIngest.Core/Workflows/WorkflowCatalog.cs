using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Core.Workflows;

/// <summary>
/// The one list of workflows and activities. Every host registers from it: DI
/// (<see cref="Hosting.LogIngestServiceCollectionExtensions.AddLogIngest"/>), the in-process host
/// (<see cref="WorkflowRegistry"/>), the Durable registry (LogIngest.Durable); the Functions app's
/// one-line functions are checked against it by a test.
/// </summary>
public static class WorkflowCatalog
{
    public static IReadOnlyList<WorkflowDefinition> Workflows { get; } =
    [
        WorkflowDefinition.Create<LoadRunInput, RunSummary>(LoadRunWorkflow.Name, LoadRunWorkflow.RunAsync),
        WorkflowDefinition.Create<LoadRangeInput, RangeResult>(LoadRangeWorkflow.Name, LoadRangeWorkflow.RunAsync),
    ];

    public static IReadOnlyList<ActivityDefinition> Activities { get; } =
    [
        ActivityDefinition.Create<string, LoadedConfig, LoadConfigActivity>(ActivityNames.LoadConfig),
        ActivityDefinition.Create<StartRunInput, bool, StartRunActivity>(ActivityNames.StartRun),
        ActivityDefinition.Create<LoadCheckpointsInput, IReadOnlyList<Interval>, LoadCheckpointsActivity>(ActivityNames.LoadCheckpoints),
        ActivityDefinition.Create<PlanWindowsInput, PlanWindowsResult, PlanWindowsActivity>(ActivityNames.PlanWindows),
        ActivityDefinition.Create<IngestWindowInput, WindowResult, IngestWindowActivity>(ActivityNames.IngestWindow),
        ActivityDefinition.Create<CountWindowInput, long, CountWindowActivity>(ActivityNames.CountWindow),
        ActivityDefinition.Create<WriteCheckpointInput, bool, WriteCheckpointActivity>(ActivityNames.WriteCheckpoint),
        ActivityDefinition.Create<RecordEmptySpansInput, int, RecordEmptySpansActivity>(ActivityNames.RecordEmptySpans),
        ActivityDefinition.Create<IReadOnlyList<RunEvent>, int, WriteAuditActivity>(ActivityNames.WriteAudit),
        ActivityDefinition.Create<CompleteRunInput, bool, CompleteRunActivity>(ActivityNames.CompleteRun),
        ActivityDefinition.Create<HeartbeatInput, bool, HeartbeatActivity>(ActivityNames.Heartbeat),
    ];

    public static WorkflowDefinition Workflow(string name) =>
        Workflows.FirstOrDefault(w => w.Name == name) ?? throw new InvalidOperationException($"No workflow named '{name}' is registered.");

    public static ActivityDefinition Activity(string name) =>
        Activities.FirstOrDefault(a => a.Name == name) ?? throw new InvalidOperationException($"No activity named '{name}' is registered.");
}
