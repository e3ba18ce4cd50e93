using System.Globalization;
using System.Security.Cryptography;

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

    /// <summary>
    /// A run id: <c>{configId}-{yyyyMMddTHHmmssZ}-{4 hex}</c> of the start time, sortable by time. The
    /// random suffix keeps two runs of one config in the same second (a quick rerun) from sharing an id,
    /// which would let the second run's events overwrite the first's (events are idempotent by id).
    /// Free of ':' (sub-workflow ids append <c>:r{index}</c>).
    /// </summary>
    public static string NewRun(string configId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return configId + "-" + startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
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
