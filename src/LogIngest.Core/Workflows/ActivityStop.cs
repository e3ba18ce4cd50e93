namespace LogIngest.Core.Workflows;

/// <summary>
/// The clean-stop request of the in-process run a stoppable activity belongs to, carried along the
/// activity's async flow. A window that is still waiting for its first query slot has not started
/// in any sense a user would recognise, so a stop request refuses it there (U901) rather than let it
/// load after "Stopping..." was shown. Once its first query runs, the window is in flight and finishes.
/// </summary>
public sealed class ActivityStop
{
    private static readonly AsyncLocal<ActivityStop?> Ambient = new();
    private int _started;

    private ActivityStop(CancellationToken token) => Token = token;

    /// <summary>The stop of the activity running on this flow, or null (Durable, or not stoppable).</summary>
    public static ActivityStop? Current => Ambient.Value;

    /// <summary>Cancelled when the run is asked to stop cleanly.</summary>
    public CancellationToken Token { get; }

    /// <summary>True once the activity's first query got its slot: from then on it is in flight.</summary>
    public bool Started => Volatile.Read(ref _started) != 0;

    public void MarkStarted() => Interlocked.Exchange(ref _started, 1);

    /// <summary>Starts a stoppable activity's flow under <paramref name="token"/>.</summary>
    internal static void Begin(CancellationToken token) => Ambient.Value = new ActivityStop(token);
}
