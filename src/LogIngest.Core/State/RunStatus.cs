namespace LogIngest.Core.State;

/// <summary>Where a config's latest run stands (serialized upper-case: PENDING, RUNNING, ...).</summary>
public enum RunStatus
{
    Pending,
    Running,
    Succeeded,

    /// <summary>The run ended with some windows done and others failed; a re-run fills the gaps.</summary>
    Partial,
    Failed,
}
