using System.Globalization;
using System.Text;
using LogIngest.Core.Streaming;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Core.Tests.Streaming;

public sealed class NdjsonStreamFeedTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FeedAsync_LinesAcrossReadChunksAndOneLongerThanAChunk_LandsEachBodyWithItsByteOffset()
    {
        using var lake = new StreamLake(Day.AddHours(1));
        var input = new StringBuilder();
        var expected = new List<(string Body, long Offset)>();
        for (var i = 0; i < 400; i++)
        {
            // ~500-byte lines cross the feed's read chunks; some end in "\r\n", some are followed by a blank line.
            var body = string.Create(CultureInfo.InvariantCulture, $$"""{"i":{{i}},"text":"é𝄞\t\"{{new string('x', 480)}}"}""");
            expected.Add((body, Encoding.UTF8.GetByteCount(input.ToString())));
            input.Append(body).Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 50 == 0)
            {
                input.Append("  \n");
            }
        }

        var longLine = "{\"long\":\"" + new string('y', 150_000) + "\"}";
        var longOffset = Encoding.UTF8.GetByteCount(input.ToString());
        input.Append(longLine); // the last line, without a line end

        var totals = await new NdjsonStreamFeed(lake.Processor, "feed", 1, 1000).FeedAsync(new MemoryStream(Encoding.UTF8.GetBytes(input.ToString())), [0L], Day);

        Assert.Equal((401L, 400L, 1L), (totals.Events, totals.Landed, totals.Quarantined));
        var bronze = DuckDbParquet.Read(lake.PathOf("stream/feed/ingestion_date=2026-03-01/0-0-400.parquet"), "raw_json::VARCHAR, \"offset\"");
        Assert.Equal(expected, bronze.Rows.Select(r => ((string)r[0]!, long.Parse((string)r[1]!, CultureInfo.InvariantCulture))));
        var quarantine = DuckDbParquet.Read(lake.PathOf("quarantine/feed/ingestion_date=2026-03-01/0-0-400.parquet"), "raw, \"offset\", reason");
        Assert.Equal((longLine, longOffset.ToString(CultureInfo.InvariantCulture), QuarantineReasons.TooLarge), ((string)quarantine.Rows[0][0]!, (string)quarantine.Rows[0][1]!, (string)quarantine.Rows[0][2]!));
    }
}
