namespace LogIngest.Core.Workflows;

/// <summary>Settings of <see cref="InProcessWorkflowHost"/>.</summary>
public sealed class InProcessHostOptions
{
    /// <summary>
    /// Activities that a stop request prevents from starting (in-flight ones finish, and what
    /// follows them, such as their checkpoint, still runs). Empty here; AddLogIngest adds the window ingest.
    /// </summary>
    public ISet<string> StoppableActivities { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Called whenever a workflow publishes its custom status (progress).</summary>
    public Action<string, object?>? OnCustomStatus { get; set; }
}
