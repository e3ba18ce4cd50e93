using System.Text;
using LogIngest.Functions;

namespace LogIngest.Durable.Tests;

/// <summary>The Event Hub trigger's glue: the worker's binding data (JSON text) into the processor's events.</summary>
public sealed class EventHubBatchTests
{
    [Fact]
    public void Read_WorkerBindingData_PairsEachBodyWithItsMetadata()
    {
        var data = new Dictionary<string, object?>
        {
            ["PartitionContext"] = """{"FullyQualifiedNamespace":"ns.servicebus.windows.net","EventHubName":"logs","ConsumerGroup":"logingest","PartitionId":"3"}""",
            ["SequenceNumberArray"] = "[41,42]",
            ["OffsetArray"] = """["8192",8704]""",
            ["EnqueuedTimeUtcArray"] = """["2026-03-01T23:59:59.9990000Z","2026-03-02T00:00:00.0010000Z"]""",
            ["PropertiesArray"] = """[{"source":"app","n":1},{}]""",
        };

        var batch = EventHubBatch.Read(["{\"a\":\"é😀\"}", "not json"], data, "configured");

        Assert.Equal(("logs", "3"), (batch.Hub, batch.PartitionId));
        Assert.Equal([41L, 42L], batch.Events.Select(e => e.SequenceNumber));
        Assert.Equal(["8192", "8704"], batch.Events.Select(e => e.Offset));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, 1, TimeSpan.Zero), batch.Events[1].EnqueuedTime);
        Assert.Equal("{\"a\":\"é😀\"}", Encoding.UTF8.GetString(batch.Events[0].Body.Span));
        Assert.Equal(["n", "source"], batch.Events[0].Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(batch.Events[1].Properties!);
    }

    [Fact]
    public void Read_MetadataArrayShorterThanTheBodies_ThrowsNamingIt()
    {
        var data = new Dictionary<string, object?>
        {
            ["PartitionContext"] = """{"PartitionId":"0"}""",
            ["SequenceNumberArray"] = "[1]",
            ["OffsetArray"] = """["1","2"]""",
            ["EnqueuedTimeUtcArray"] = """["2026-03-01T00:00:00Z","2026-03-01T00:00:00Z"]""",
        };

        var error = Assert.Throws<InvalidOperationException>(() => EventHubBatch.Read(["{}", "{}"], data, "configured"));

        Assert.Contains("SequenceNumberArray has 1 entries for 2 events", error.Message, StringComparison.Ordinal);
    }
}
