namespace LogIngest.Core.Activities;

/// <summary>The tier-3 activities by name, as both hosts register them.</summary>
public static class ActivityNames
{
    public const string LoadConfig = "LoadConfig";
    public const string StartRun = "StartRun";
    public const string LoadCheckpoints = "LoadCheckpoints";
    public const string PlanWindows = "PlanWindows";
    public const string IngestWindow = "IngestWindow";
    public const string CountWindow = "CountWindow";
    public const string WriteCheckpoint = "WriteCheckpoint";
    public const string RecordEmptySpans = "RecordEmptySpans";
    public const string WriteAudit = "WriteAudit";
    public const string CompleteRun = "CompleteRun";
    public const string Heartbeat = "Heartbeat";
}
