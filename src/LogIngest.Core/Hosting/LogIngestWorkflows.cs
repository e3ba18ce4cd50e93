using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>The registry of both workflows and every activity under its <see cref="ActivityNames"/> name.</summary>
public static class LogIngestWorkflows
{
    public static WorkflowRegistry CreateRegistry() => new WorkflowRegistry()
        .AddWorkflow<LoadRunInput, RunSummary>(LoadRunWorkflow.Name, LoadRunWorkflow.RunAsync)
        .AddWorkflow<LoadRangeInput, RangeResult>(LoadRangeWorkflow.Name, LoadRangeWorkflow.RunAsync)
        .AddActivity<string, LoadedConfig, LoadConfigActivity>(ActivityNames.LoadConfig)
        .AddActivity<StartRunInput, bool, StartRunActivity>(ActivityNames.StartRun)
        .AddActivity<LoadCheckpointsInput, IReadOnlyList<Interval>, LoadCheckpointsActivity>(ActivityNames.LoadCheckpoints)
        .AddActivity<PlanWindowsInput, PlanWindowsResult, PlanWindowsActivity>(ActivityNames.PlanWindows)
        .AddActivity<IngestWindowInput, WindowResult, IngestWindowActivity>(ActivityNames.IngestWindow)
        .AddActivity<CountWindowInput, long, CountWindowActivity>(ActivityNames.CountWindow)
        .AddActivity<WriteCheckpointInput, bool, WriteCheckpointActivity>(ActivityNames.WriteCheckpoint)
        .AddActivity<RecordEmptySpansInput, int, RecordEmptySpansActivity>(ActivityNames.RecordEmptySpans)
        .AddActivity<IReadOnlyList<RunEvent>, int, WriteAuditActivity>(ActivityNames.WriteAudit)
        .AddActivity<CompleteRunInput, bool, CompleteRunActivity>(ActivityNames.CompleteRun);
}
