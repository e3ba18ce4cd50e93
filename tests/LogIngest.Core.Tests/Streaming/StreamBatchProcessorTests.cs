using System.Text;
using LogIngest.Core.Observability;
using LogIngest.Core.Streaming;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Core.Tests.Streaming;

public sealed class StreamBatchProcessorTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Day.AddDays(1).AddHours(10);

    [Fact]
    public async Task ProcessAsync_MixedEvents_LandsValidAndQuarantinesEachWithItsReason()
    {
        using var lake = new StreamLake(Now);
        await lake.Processor.SaveSchemaAsync("orders", StreamSchema.Parse("""
            { "fields": [
              { "path": "$.id", "column": "id", "type": "long", "required": true },
              { "path": "$.user.name", "column": "user_name", "type": "string" },
              { "path": "$.at", "column": "at", "type": "timestamp" } ] }
            """));
        byte[] notUtf8 = [0x7b, 0xff, 0xfe, 0x7d];
        var events = new[]
        {
            Event(0, """{"id":1,"user":{"name":"ann"},"at":"2026-03-01T10:00:00Z","brand_new":[1,2]}"""),
            Event(1, """{"id":2}"""),
            Event(2, """{"id":"three"}"""),
            Event(3, """{"user":{"name":"bob"}}"""),
            Event(4, """{"id":5,"""),
            Event(5, string.Empty),
            Event(6, """[1,2,3]"""),
            Event(7, "{\"id\":8,\"pad\":\"" + new string('x', 2000) + "\"}"),
            new StreamEvent(notUtf8, 8, "o8", Day.AddMinutes(8)),
            Event(9, """{"id":2}"""),
            Event(9, """{"id":999}"""),
        };

        var result = await lake.Processor.ProcessAsync("orders", "0", events);

        Assert.Equal((11, 3, 7, 1), (result.Events, result.Landed, result.Quarantined, result.Skipped));
        Assert.Equal(["quarantine/orders/ingestion_date=2026-03-01/0-0-9.parquet", "stream/orders/ingestion_date=2026-03-01/0-0-9.parquet"], result.Files);
        var bronze = DuckDbParquet.Read(lake.PathOf(result.Files[1]), "sequence_number, id, user_name, \"at\", raw_json::VARCHAR, \"offset\", partition");
        Assert.Equal([0L, 1L, 9L], bronze.Rows.Select(r => (long)r[0]!));
        Assert.Equal([1L, 2L, 2L], bronze.Rows.Select(r => (long)r[1]!));
        Assert.Equal(["ann", null, null], bronze.Rows.Select(r => (string?)r[2]));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0), bronze.Rows[0][3]);
        Assert.Contains("\"brand_new\":[1,2]", (string)bronze.Rows[0][4]!, StringComparison.Ordinal);
        Assert.Equal(("o0", "0"), ((string)bronze.Rows[0][5]!, (string)bronze.Rows[0][6]!));

        var quarantine = DuckDbParquet.Read(lake.PathOf(result.Files[0]), "sequence_number, reason, detail, raw, raw_encoding");
        Assert.Equal(
            [(2L, QuarantineReasons.WrongType), (3L, QuarantineReasons.MissingRequired), (4L, QuarantineReasons.InvalidJson), (5L, QuarantineReasons.InvalidJson),
             (6L, QuarantineReasons.NotObject), (7L, QuarantineReasons.TooLarge), (8L, QuarantineReasons.InvalidJson)],
            quarantine.Rows.Select(r => ((long)r[0]!, (string)r[1]!)));
        Assert.Contains("$.id", (string)quarantine.Rows[0][2]!, StringComparison.Ordinal);
        Assert.Equal("{\"id\":\"three\"}", quarantine.Rows[0][3]);
        Assert.Equal((Convert.ToBase64String(notUtf8), "base64"), ((string)quarantine.Rows[6][3]!, (string)quarantine.Rows[6][4]!));
    }

    [Fact]
    public async Task ProcessAsync_UnicodeEscapesAndProperties_ReadBackExactly()
    {
        using var lake = new StreamLake(Now);
        string[] bodies =
        [
            "{\"emoji\":\"😀 𝄞 and 日本語\"}",
            "{\"quote\":\"she said \\\"hi\\\"\",\t\"tab\":\"a\\tb\"}",
            "{\"escaped\":\"\\u00e9\\ud83d\\ude00\\t\"}",
        ];
        var events = bodies.Select((b, i) => new StreamEvent(Encoding.UTF8.GetBytes(b), i, null, Day.AddSeconds(i),
            new Dictionary<string, object?> { ["z"] = 1, ["a"] = "x\"y", ["n"] = null })).ToArray();

        var result = await lake.Processor.ProcessAsync("hub", "3", events);

        var read = DuckDbParquet.Read(lake.PathOf(result.Files.Single()), "raw_json::VARCHAR, properties::VARCHAR");
        Assert.Equal(bodies, read.Rows.Select(r => (string)r[0]!));
        Assert.All(read.Rows, r => Assert.Equal("{\"a\":\"x\\u0022y\",\"n\":null,\"z\":1}", r[1]));
    }

    [Fact]
    public async Task ProcessAsync_BatchStraddlesMidnight_WritesOneFilePerDate()
    {
        using var lake = new StreamLake(Now);
        var events = Enumerable.Range(10, 6).Select(i => Event(i, $$"""{"n":{{i}}}""", Day.AddDays(1).AddSeconds(-13 + (i * 1.0)))).ToArray();

        var result = await lake.Processor.ProcessAsync("hub", "1", events);

        Assert.Equal(
            ["stream/hub/ingestion_date=2026-03-01/1-10-12.parquet", "stream/hub/ingestion_date=2026-03-02/1-13-15.parquet"],
            result.Files);
        Assert.Equal(3, DuckDbParquet.Count(lake.PathOf(result.Files[0])));
        Assert.Equal(3, DuckDbParquet.Count(lake.PathOf(result.Files[1])));
    }

    [Fact]
    public async Task ProcessAsync_RetryAfterFailedWrite_CompletesWithTheBytesOfACleanRun()
    {
        var events = Enumerable.Range(0, 40).Select(i => Event(i, i % 7 == 0 ? "not json" : $$"""{"n":{{i}}}""", Day.AddDays(1).AddSeconds(i - 20))).ToArray();
        using var clean = new StreamLake(Now);
        using var failing = new StreamLake(Now.AddHours(5));
        await clean.Processor.ProcessAsync("hub", "0", events);
        failing.Lake.FailPut = path => path.StartsWith("stream/hub/ingestion_date=2026-03-02", StringComparison.Ordinal);

        await Assert.ThrowsAsync<LogIngestException>(() => failing.Processor.ProcessAsync("hub", "0", events));
        var afterFailure = await failing.Watermarks.GetStreamWatermarkAsync("hub", "0");
        failing.Lake.FailPut = _ => false;
        var retry = await failing.Processor.ProcessAsync("hub", "0", events);

        Assert.Null(afterFailure);
        Assert.Equal(20, retry.Skipped);
        Assert.Equal(clean.Files(), failing.Files());
        Assert.Equal(4, clean.Files().Count);
        Assert.All(clean.Files(), f => Assert.Equal(File.ReadAllBytes(clean.PathOf(f)), File.ReadAllBytes(failing.PathOf(f))));
        Assert.Equal(39, retry.Watermark!.SequenceNumber);
    }

    [Fact]
    public async Task ProcessAsync_RegroupedReplayOf100000Events_LeavesExactlyOneRowPerEvent()
    {
        using var lake = new StreamLake(Now);
        var events = Enumerable.Range(0, 100_000)
            .Select(i => Event(i, $$"""{"n":{{i}},"msg":"event {{i}}"}""", Day.AddDays(1).AddSeconds((i - 50_000) / 10.0)))
            .ToArray();
        // First delivery in batches of 7,000; every third watermark write fails after its files landed.
        var sets = 0;
        lake.Watermarks.FailSet = _ => ++sets % 3 == 0;
        for (var at = 0; at < 60_000; at += 7_000)
        {
            try
            {
                await lake.Processor.ProcessAsync("hub", "2", events[at..Math.Min(at + 7_000, 60_000)]);
            }
            catch (LogIngestException e) when (e.Code == ErrorCodes.StateIo)
            {
                // The trigger would redeliver; the replay below does.
            }
        }

        lake.Watermarks.FailSet = _ => false;
        await lake.Processor.ProcessAsync("hub", "2", events[30_000..30_500]);
        var replayed = 0;
        for (var at = 0; at < events.Length; at += 11_000)
        {
            replayed += (await lake.Processor.ProcessAsync("hub", "2", events[at..Math.Min(at + 11_000, events.Length)])).Landed;
        }

        var read = DuckDbParquet.Query($"SELECT count(*), count(DISTINCT sequence_number), min(sequence_number), max(sequence_number) FROM read_parquet('{lake.Root}/stream/hub/*/*.parquet')").Rows[0];
        Assert.Equal([100_000L, 100_000L, 0L, 99_999L], read.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(40_000, replayed);
        Assert.Equal(99_999, (await lake.Watermarks.GetStreamWatermarkAsync("hub", "2"))!.SequenceNumber);
    }

    [Fact]
    public async Task ProcessAsync_AfterFilesCommit_MovesWatermarkForwardOnly()
    {
        using var lake = new StreamLake(Now);
        var events = Enumerable.Range(0, 10).Select(i => Event(i, "{}", Day.AddHours(i))).ToArray();

        var first = await lake.Processor.ProcessAsync("hub", "0", events);
        var old = await lake.Processor.ProcessAsync("hub", "0", events[2..5]);
        var stored = await lake.Watermarks.GetStreamWatermarkAsync("hub", "0");

        Assert.Equal((9L, "o9", Day.AddHours(9), Now - Day.AddHours(9)), (stored!.SequenceNumber, stored.Offset, stored.EnqueuedAt, stored.Lag));
        Assert.Equal((0, 3, 0), (old.Landed, old.Skipped, old.Files.Count));
        Assert.Equal(first.Files, lake.Files());
    }

    private static StreamEvent Event(long sequence, string body, DateTimeOffset? enqueued = null) =>
        new(Encoding.UTF8.GetBytes(body), sequence, "o" + sequence, enqueued ?? Day.AddMinutes(sequence));
}
