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

    /// <summary>A window a range cut finer (a WINDOW row without a status, its message starting with <see cref="SplitMessagePrefix"/>).</summary>
    public static string WindowSplit(string runId, TimeAxis axis, Interval window, KeySplit? split) =>
        $"{runId}:window-split:{CheckpointKeys.WindowKey(axis, window, split)}";

    /// <summary>How a split WINDOW row's message begins, followed by the number of parts.</summary>
    public const string SplitMessagePrefix = "cut into ";

    public static string Error(string runId, string what) => $"{runId}:error:{what}";

    public static string Heartbeat(string runId, int beat) => string.Create(CultureInfo.InvariantCulture, $"{runId}:heartbeat:{beat}");
}
