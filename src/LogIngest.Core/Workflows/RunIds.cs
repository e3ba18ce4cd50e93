using System.Globalization;

namespace LogIngest.Core.Workflows;

/// <summary>
/// How runs are named. A config has one orchestration instance id, so at most one run of it is in
/// flight anywhere (Durable refuses a second instance under a running id); each run gets its own run id
/// for audit rows and events.
/// </summary>
public static class RunIds
{
    /// <summary>The orchestration instance id of a config's runs: <c>load-{configId}</c>.</summary>
    public static string InstanceFor(string configId)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return "load-" + configId;
    }

    /// <summary>A run id: <c>{configId}-{yyyyMMddTHHmmssZ}</c> of the start time, sortable by time.</summary>
    public static string NewRun(string configId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return configId + "-" + startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether an existing orchestration in this runtime status (Durable's status name, e.g. "Running")
    /// must keep a new run of the same config from starting. Finished instances (Completed, Failed,
    /// Terminated) may be replaced; unknown names block, to be safe.
    /// </summary>
    public static bool BlocksNewRun(string? runtimeStatus) => runtimeStatus switch
    {
        null => false,
        "Completed" or "Failed" or "Terminated" or "Canceled" => false,
        _ => true,
    };
}
