using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Core.Activities;

/// <summary>
/// Deterministic event ids: what an event describes names it, so an activity replayed by Durable (or a
/// retried append) writes the same id and the store keeps one row.
/// </summary>
public static class RunEventIds
{
    public static string RunStart(string runId) => $"{runId}:run-start";

    public static string RunEnd(string runId) => $"{runId}:run-end";

    public static string Parent(string runId) => $"{runId}:parent";

    public static string Job(string runId, int rangeIndex) => string.Create(CultureInfo.InvariantCulture, $"{runId}:job:{rangeIndex}");

    public static string WindowFailed(string runId, TimeAxis axis, Interval window, KeySplit? split) =>
        $"{runId}:window-failed:{CheckpointKeys.WindowKey(axis, window, split)}";

    public static string Error(string runId, string what) => $"{runId}:error:{what}";

    public static string Heartbeat(string runId, int beat) => string.Create(CultureInfo.InvariantCulture, $"{runId}:heartbeat:{beat}");
}
