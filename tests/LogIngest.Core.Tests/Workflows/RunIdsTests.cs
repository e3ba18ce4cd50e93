using LogIngest.Core.Observability;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Tests.Workflows;

public class RunIdsTests
{
    [Fact]
    public void NewRun_TwoStarts_AreDistinctAndSortByTime()
    {
        var first = RunIds.NewRun("officeactivity", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));
        var second = RunIds.NewRun("officeactivity", new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.FromHours(2)));

        Assert.Matches("^officeactivity-20250102T010405Z-[0-9a-f]{4}$", first);
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void NewRun_TwoStartsInTheSameSecond_AreDistinct()
    {
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 20).Select(_ => RunIds.NewRun("officeactivity", at)).ToHashSet();

        Assert.True(ids.Count > 1); // 20 draws of 65,536 suffixes: all equal only by a broken generator
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Completed", false)]
    [InlineData("Failed", false)]
    [InlineData("Terminated", false)]
    [InlineData("Running", true)]
    [InlineData("Pending", true)]
    [InlineData("Suspended", true)]
    [InlineData("SomethingNew", true)]
    public void BlocksNewRun_ByRuntimeStatus_OnlyFinishedInstancesMayBeReplaced(string? status, bool blocks)
    {
        Assert.Equal(blocks, RunIds.BlocksNewRun(status));
    }

    [Theory]
    [InlineData(ErrorCodes.ConfigInvalid, 400)]
    [InlineData(ErrorCodes.UnknownTable, 400)]
    [InlineData(ErrorCodes.NotFound, 404)]
    [InlineData(ErrorCodes.Conflict, 409)]
    [InlineData(ErrorCodes.Throttled, 503)]
    [InlineData(ErrorCodes.StateIo, 500)]
    [InlineData(ErrorCodes.Unknown, 500)]
    public void StatusFor_ErrorCode_AnswersTheHttpStatus(string code, int status)
    {
        Assert.Equal(status, HttpStatusMapping.StatusFor(code));
    }
}
