namespace LogIngest.Durable;

/// <summary>
/// Sees every decision a workflow makes under Durable (each activity call, sub-workflow and timer, in
/// order), on first execution and on every replay. A workflow is deterministic exactly when each
/// replay makes the same calls with the same inputs; the engine tests check that through this hook.
/// </summary>
public interface IWorkflowCallObserver
{
    void OnCall(WorkflowCall workflowCall);
}

/// <summary>One decision of one execution: its position in the instance's sequence of calls, and what it was.</summary>
public sealed record WorkflowCall(string InstanceId, int Sequence, bool Replaying, string Kind, string Name, object? Input);
