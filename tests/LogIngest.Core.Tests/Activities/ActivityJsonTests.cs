using System.Text.Json;
using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Tests.Activities;

public class ActivityJsonTests
{
    private static readonly Interval Window = new(638_700_000_000_000_000, 638_700_000_000_000_001);

    private static readonly LoadConfig Config = new()
    {
        Id = "officeactivity",
        Table = "OfficeActivity",
        Mode = LoadMode.Incremental,
        Flatten = ["ExtendedProperties"],
        Filter = "where Operation != 'FileAccessed'",
    };

    private static readonly WindowResult Result = new()
    {
        Status = WindowStatus.SplitRequired,
        Window = Window,
        Split = new KeySplit(4, 1),
        Rows = 12,
        Bytes = 3456,
        Files = ["p/T/year=2025/month=01/day=01/T-1-2.parquet"],
        SourceCount = 13,
        LateRows = 1,
        OrphansRemoved = 2,
        QueryDuration = TimeSpan.FromMilliseconds(1500),
        WriteDuration = TimeSpan.FromTicks(123),
        SplitReason = "truncated",
        FlattenedColumns = ["ExtendedProperties_UserAgent"],
        StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero),
    };

    [Fact]
    public void RoundTrip_IngestWindowInput_Equal()
    {
        var input = new IngestWindowInput(Config, "run", TimeAxis.IngestionTime, Window, new KeySplit(3, 2));
        var back = WorkflowJson.RoundTrip<IngestWindowInput>(input)!;
        Assert.Equal(input with { Config = back.Config }, back);
        Assert.Equal(Config.Flatten, back.Config.Flatten);
        Assert.Equal(Config with { Flatten = back.Config.Flatten }, back.Config);
    }

    [Fact]
    public void RoundTrip_WindowResult_EveryFieldKept()
    {
        var back = WorkflowJson.RoundTrip<WindowResult>(Result)!;
        Assert.Equal(JsonSerializer.Serialize(Result, WorkflowJson.Options), JsonSerializer.Serialize(back, WorkflowJson.Options));
        Assert.Equal(Result.Split, back.Split);
        Assert.Equal(Result.Window, back.Window);
        Assert.Equal(Result.Files, back.Files);
        Assert.Equal(WindowStatus.SplitRequired, back.Status);
    }

    [Fact]
    public void RoundTrip_CheckpointAndCountInputs_Equal()
    {
        var checkpoint = new WriteCheckpointInput("c", "run", null, TimeAxis.TimeGenerated, Result);
        var backCheckpoint = WorkflowJson.RoundTrip<WriteCheckpointInput>(checkpoint)!;
        Assert.Equal(JsonSerializer.Serialize(checkpoint, WorkflowJson.Options), JsonSerializer.Serialize(backCheckpoint, WorkflowJson.Options));

        var count = new CountWindowInput(Config, TimeAxis.TimeGenerated, Window, null);
        var backCount = WorkflowJson.RoundTrip<CountWindowInput>(count)!;
        Assert.Equal(count with { Config = backCount.Config }, backCount);
        Assert.Null(backCount.Split);
    }
}
