using LogIngest.Core.Hosting;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Operations;

/// <summary>
/// How a run in flight last showed it is alive: its latest event (a HEARTBEAT, or any row it wrote),
/// the heartbeat interval it runs with, and whether it has been silent longer than
/// <see cref="RunHealth.StaleAfterIntervals"/> intervals.
/// </summary>
public sealed record RunLiveness(string RunId, string ConfigId, DateTimeOffset StartedAt, DateTimeOffset LastSeen, TimeSpan Interval, int Beats, TimeSpan Silence, bool Stale);

/// <summary>Judges the runs still RUNNING: a stalled run (a dead host, a hung engine) stops writing heartbeats, and this says so.</summary>
public sealed class RunHealth(IRunEventStore events, LogIngestOptions options, TimeProvider time)
{
    /// <summary>A run silent for this many heartbeat intervals is stale (one late beat is not an alarm).</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>The liveness of every run of <paramref name="runs"/> that has not ended.</summary>
    public async Task<IReadOnlyList<RunLiveness>> CheckAsync(IEnumerable<RunRecord> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var now = time.GetUtcNow();
        var result = new List<RunLiveness>();
        foreach (var run in runs.Where(r => r.Status == RunStatus.Running))
        {
            result.Add(Judge(run, await events.ReadRunAsync(run.RunId, cancellationToken).ConfigureAwait(false), now, options.HeartbeatInterval));
        }

        return result;
    }

    /// <summary>
    /// The run's liveness from its events: last seen at its latest event; the interval from its latest
    /// HEARTBEAT (else <paramref name="defaultInterval"/>); stale past <see cref="StaleAfterIntervals"/> intervals of silence.
    /// </summary>
    public static RunLiveness Judge(RunRecord run, IReadOnlyCollection<RunEvent> runEvents, DateTimeOffset now, TimeSpan defaultInterval)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runEvents);
        var beats = runEvents.Where(e => e.EventType == RunEventTypes.Heartbeat).OrderBy(e => e.Timestamp).ToList();
        var lastSeen = runEvents.Select(e => e.Timestamp).Append(run.StartedAt).Max();
        var interval = beats.LastOrDefault()?.HeartbeatInterval ?? defaultInterval;
        var silence = now - lastSeen;
        return new RunLiveness(run.RunId, run.ConfigId, run.StartedAt, lastSeen, interval, beats.Count, silence < TimeSpan.Zero ? TimeSpan.Zero : silence, silence > interval * StaleAfterIntervals);
    }
}
