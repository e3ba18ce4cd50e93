using LogIngest.Core.Hosting;
using LogIngest.Core.Observability;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Tests.Hosting;

public class RunProgressAndOutcomeTests
{
    [Fact]
    public void Fold_SumsTheLatestReportOfEveryRange()
    {
        var latest = new RangeProgress(1, 4, 2, 1, 200);
        var folded = RunProgress.Fold("run", latest, [new RangeProgress(0, 3, 3, 0, 300), latest]);

        Assert.Equal(7, folded.WindowsPlanned);
        Assert.Equal(5, folded.WindowsCompleted);
        Assert.Equal(1, folded.WindowsFailed);
        Assert.Equal(500, folded.Rows);
        Assert.Same(latest, folded.Range);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, 3, null, 0)]
    [InlineData(RunStatus.Partial, 3, null, 1)]
    [InlineData(RunStatus.Failed, 0, ErrorCodes.ConfigInvalid, 2)]
    [InlineData(RunStatus.Failed, 0, ErrorCodes.NotFound, 2)]
    [InlineData(RunStatus.Failed, 0, ErrorCodes.StateIo, 1)]
    [InlineData(RunStatus.Failed, 2, ErrorCodes.ConfigInvalid, 1)]
    public void ExitCode_FollowsStatusAndWhetherInputWasRefused(RunStatus status, int planned, string? code, int expected)
    {
        var summary = new RunSummary
        {
            RunId = "r",
            ConfigId = "c",
            Status = status,
            WindowsPlanned = planned,
            Error = code is null ? null : new ActivityError(code, "x"),
        };

        Assert.Equal(expected, new RunOutcome(summary, 0, 0, 0, TimeSpan.Zero).ExitCode);
    }

    [Fact]
    public void Feed_Publish_ReachesWatchersOfThatRunOnlyUntilDisposed()
    {
        var feed = new WorkflowStatusFeed();
        var seen = new List<string>();
        var subscription = feed.Watch("run-a", (instance, _) => seen.Add(instance));

        feed.Publish("run-a:r0", 1);
        feed.Publish("run-b:r0", 2);
        feed.Publish("run-a", 3);
        subscription.Dispose();
        feed.Publish("run-a:r1", 4);

        Assert.Equal(["run-a:r0", "run-a"], seen);
    }
}
