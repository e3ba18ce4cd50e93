using LogIngest.Core.Operations;
using LogIngest.Core.State;

namespace LogIngest.Core.Tests.Operations;

public class RunKpisTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_FailuresThenRecoveries_RatesPercentilesMeanTimeToRecoverAndDailyVolumes()
    {
        // Days ago, status, minutes long. Outage 1: 20 d ago failed, 19 d ago failed, 18 d ago recovered;
        // outage 2: 3 d ago partial, 2 d ago recovered. Older than 30 days: ignored.
        var runs = new[]
        {
            Run("old", 40, RunStatus.Failed, 10),
            Run("a", 20, RunStatus.Failed, 10),
            Run("b", 19, RunStatus.Failed, 20),
            Run("c", 18, RunStatus.Succeeded, 30, rows: 100, bytes: 1000),
            Run("d", 3, RunStatus.Partial, 40, rows: 5, bytes: 50, slaMissed: true),
            Run("e", 2, RunStatus.Succeeded, 50, rows: 7, bytes: 70),
            Run("running", 0, RunStatus.Running, null),
        };

        var kpis = Assert.Single(RunKpis.Compute(runs, Now).Configs);

        Assert.Equal((6, 3), (kpis.Runs30Days, kpis.Runs7Days));
        Assert.Equal(2.0 / 5, kpis.SuccessRate30Days);
        Assert.Equal(1.0 / 2, kpis.SuccessRate7Days);
        Assert.Equal(TimeSpan.FromMinutes(30), kpis.DurationP50);
        Assert.Equal(TimeSpan.FromMinutes(50), kpis.DurationP95);
        // Recoveries: from a's end to c's end, and from d's end to e's end.
        var first = (Now.AddDays(-18).AddMinutes(30)) - (Now.AddDays(-20).AddMinutes(10));
        var second = (Now.AddDays(-2).AddMinutes(50)) - (Now.AddDays(-3).AddMinutes(40));
        Assert.Equal(2, kpis.Recoveries);
        Assert.Equal(TimeSpan.FromTicks((first.Ticks + second.Ticks) / 2), kpis.MeanTimeToRecover);
        Assert.Equal(1, kpis.SlaMisses);
        Assert.Equal(112, kpis.PerDay.Sum(d => d.Rows));
        Assert.Equal(new DailyVolume(DateOnly.FromDateTime(Now.AddDays(-2).UtcDateTime), 7, 70), kpis.PerDay.Single(d => d.Rows == 7));
    }

    [Fact]
    public void Compute_NoEndedRun_RatesAndDurationsAreUnknownNotZero()
    {
        var kpis = Assert.Single(RunKpis.Compute([Run("running", 0, RunStatus.Running, null)], Now).Configs);

        Assert.Null(kpis.SuccessRate30Days);
        Assert.Null(kpis.DurationP50);
        Assert.Null(kpis.MeanTimeToRecover);
    }

    [Fact]
    public void Judge_SilentForThreeIntervals_StaleButNotAfterOneLateBeat()
    {
        var run = new RunRecord { RunId = "r", ConfigId = "c", StartedAt = Now.AddMinutes(-31) };
        RunEvent Beat(int n, DateTimeOffset at) => new()
        {
            EventId = $"r:heartbeat:{n}", RunId = "r", ConfigId = "c", EventType = RunEventTypes.Heartbeat, Timestamp = at, Attempt = n, HeartbeatInterval = TimeSpan.FromMinutes(2),
        };

        var late = RunHealth.Judge(run, [Beat(1, Now.AddMinutes(-5))], Now, TimeSpan.FromMinutes(10));
        var stale = RunHealth.Judge(run, [Beat(1, Now.AddMinutes(-7))], Now, TimeSpan.FromMinutes(10));
        var noBeatYet = RunHealth.Judge(run, [], Now, TimeSpan.FromMinutes(10));

        Assert.False(late.Stale);
        Assert.True(stale.Stale);
        Assert.Equal(TimeSpan.FromMinutes(7), stale.Silence);
        Assert.Equal(TimeSpan.FromMinutes(10), noBeatYet.Interval);
        Assert.True(noBeatYet.Stale, "31 minutes of silence since the start is over 3 default intervals");
    }

    private static RunRecord Run(string id, int daysAgo, RunStatus status, int? minutes, long rows = 0, long bytes = 0, bool? slaMissed = null)
    {
        var start = Now.AddDays(-daysAgo);
        return new RunRecord
        {
            RunId = id,
            ConfigId = "cfg",
            StartedAt = start,
            EndedAt = minutes is { } m ? start.AddMinutes(m) : null,
            Status = status,
            Rows = rows,
            Bytes = bytes,
            SlaMissed = slaMissed,
        };
    }
}
