using LogIngest.Core.Kql;
using LogIngest.Local.Simulation.Kql;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Tests.Kql;

public class KqlQueriesTests
{
    private static readonly Interval Jan = Interval.FromUtc(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 1, 6, 0, 0, DateTimeKind.Utc).AddTicks(1));

    [Fact]
    public void Window_FullQuery_QuotesTableAndPrintsSevenFractionalDigits()
    {
        var query = new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, Jan) { Split = new KeySplit(4, 1), Filter = "where Operation != 'FileAccessed'" };

        Assert.Equal(
            "['OfficeActivity'] | where TimeGenerated >= datetime(2025-01-01T00:00:00.0000000Z) and TimeGenerated < datetime(2025-01-01T06:00:00.0000001Z)"
            + " | where hash(_ItemId, 4) == 1 | where Operation != 'FileAccessed'",
            KqlQueries.Window(query));
    }

    [Fact]
    public void Histogram_IngestionAxis_BinsOnArrivalAlignedOnRangeStart()
    {
        var query = new LogHistogramQuery("Heartbeat", TimeAxis.IngestionTime, Jan, TimeSpan.FromMinutes(15));

        Assert.Equal(
            "['Heartbeat'] | where ingestion_time() >= datetime(2025-01-01T00:00:00.0000000Z) and ingestion_time() < datetime(2025-01-01T06:00:00.0000001Z)"
            + " | summarize n=count(), bytes=sum(estimate_data_size(*)) by t=bin_at(ingestion_time(), 15m, datetime(2025-01-01T00:00:00.0000000Z))",
            KqlQueries.Histogram(query));
    }

    [Theory]
    [InlineData(864_000_000_000L, "1d")]
    [InlineData(36_000_000_000L * 6, "6h")]
    [InlineData(10_000_000L * 90, "90s")]
    [InlineData(10_000L * 250, "250ms")]
    [InlineData(50L, "5microsecond")]
    [InlineData(7L, "7tick")]
    public void TimeSpanLiteral_AnyTicks_UsesLargestWholeUnit(long ticks, string expected)
    {
        Assert.Equal(expected, KqlQueries.TimeSpanLiteral(ticks));
    }

    public static TheoryData<string?, TimeAxis, int?, long> RoundTripCases() => new()
    {
        { null, TimeAxis.TimeGenerated, null, 36_000_000_000L },
        { "where Operation == 'a | union b; c'", TimeAxis.IngestionTime, 3, 10_000_000L },
        { "where A == 1 | project-away B, C", TimeAxis.TimeGenerated, 2, 1L },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void TryParse_EveryBuiltShape_ReadsBackTheSameQuery(string? filter, TimeAxis axis, int? modulus, long binTicks)
    {
        var window = new LogWindowQuery("My_CL", axis, Jan) { Filter = filter, Split = modulus is { } m ? new KeySplit(m, m - 1) : null };
        var histogram = new LogHistogramQuery("My_CL", axis, Jan, TimeSpan.FromTicks(binTicks)) { Filter = filter, Split = window.Split };

        Assert.True(KqlQueryParser.TryParse(KqlQueries.Window(window), out var w, out _, out _));
        Assert.True(KqlQueryParser.TryParse(KqlQueries.Count(window), out var c, out _, out _));
        Assert.True(KqlQueryParser.TryParse(KqlQueries.Histogram(histogram), out var h, out _, out _));

        Assert.Equal((KqlQueryKind.Window, window), (w!.Kind, w.Window));
        Assert.Equal((KqlQueryKind.Count, window), (c!.Kind, c.Window));
        Assert.Equal((KqlQueryKind.Histogram, histogram), (h!.Kind, h.ToHistogram()));
    }

    [Theory]
    [InlineData("OfficeActivity | take 10")]
    [InlineData("['OfficeActivity'] | where TimeGenerated >= ago(1d)")]
    [InlineData("['OfficeActivity'] | where TimeGenerated >= datetime(2025-01-01T00:00:00.0000000Z) and TimeGenerated < datetime(2025-01-02T00:00:00.0000000Z) | take 5")]
    [InlineData("['OfficeActivity'] | where TimeGenerated >= datetime(2025-01-01T00:00:00.0000000Z) and TimeGenerated < datetime(2025-01-02T00:00:00.0000000Z); ['Heartbeat']")]
    public void TryParse_AnythingTheBuilderNeverEmits_FailsWithPosition(string text)
    {
        Assert.False(KqlQueryParser.TryParse(text, out var query, out var error, out var position));
        Assert.Null(query);
        Assert.NotEmpty(error);
        Assert.InRange(position, 0, text.Length);
    }

    [Theory]
    [InlineData("OfficeActivity")]
    [InlineData("MyTable_CL")]
    [InlineData("_ItemId")]
    public void CheckIdentifier_KustoNames_Accepted(string name)
    {
        Assert.Null(KqlValidation.CheckIdentifier(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Office Activity")]
    [InlineData("1Table")]
    [InlineData("T']; .drop table X; ['")]
    [InlineData("Tablé")]
    public void CheckIdentifier_AnythingElse_RejectedWithReason(string name)
    {
        Assert.NotNull(KqlValidation.CheckIdentifier(name));
        var error = Assert.Throws<LogIngestException>(() => KqlQueries.Window(new LogWindowQuery(name, TimeAxis.TimeGenerated, Jan)));
        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.StartsWith("Table ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("where Operation != 'FileAccessed'")]
    [InlineData("| where UserId has \"admin\" and ItemCount > 3 | project-away ClientIP")]
    [InlineData("where Note == 'semi;colon | union // not code'")]
    [InlineData("where ['Table'] == 'x'")]
    [InlineData("extend Size = tolong(SizeBytes) / 1024 | project TimeGenerated, _ItemId, Size")]
    public void CheckFilter_PipelineStagesOfTheTable_Accepted(string filter)
    {
        Assert.Null(KqlValidation.CheckFilter(filter));
    }

    [Theory]
    [InlineData("where a == 1; Heartbeat", "';'")]
    [InlineData("where a == 1\n| union Heartbeat", "line")]
    [InlineData("union Heartbeat", "union")]
    [InlineData("where a == 1 | join (Heartbeat) on Computer", "join")]
    [InlineData("where x in ((Heartbeat | project Computer))", "sub-quer")]
    [InlineData("where a == 1 // hide", "comment")]
    [InlineData("take 10", "each stage must start")]
    [InlineData("where a == 1 |", "empty pipeline stage")]
    [InlineData("where a == 1 | where ", "nothing after")]
    [InlineData("where a == 'open", "never closed")]
    [InlineData("where (a == 1", "unclosed")]
    [InlineData("where a == toscalar(Heartbeat)", "toscalar")]
    [InlineData("where {a}", "braces")]
    [InlineData("where b == cluster('x').database('y').T", "cluster")]
    public void CheckFilter_AnythingThatCouldLeaveThePipeline_RejectedWithReason(string filter, string reason)
    {
        var problem = KqlValidation.CheckFilter(filter);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        var error = Assert.Throws<LogIngestException>(() => KqlValidation.EnsureFilter(filter, "filter"));
        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
    }
}
