using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Tests.Transform;
using LogIngest.Core.Transform;
using Microsoft.Extensions.Options;

namespace LogIngest.Core.Tests.Activities;

public sealed class IngestWindowActivityTests : IDisposable
{
    private static readonly (string, LogColumnType)[] Schema =
        [("TimeGenerated", LogColumnType.DateTime), ("_ItemId", LogColumnType.Guid), ("Props", LogColumnType.Dynamic), ("Props_Path", LogColumnType.String)];

    private static readonly DateTime Noon = new(2025, 5, 6, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Interval Window = Interval.FromUtc(Noon, Noon.AddHours(1));

    private readonly TempLake _lake = new();
    private readonly string _spill = Path.Combine(Path.GetTempPath(), "logingest-spill-test-" + Guid.NewGuid().ToString("N"));

    private static LoadConfig Config => new() { Id = "t", Table = "T", Flatten = ["Props"] };

    public void Dispose()
    {
        _lake.Dispose();
        if (Directory.Exists(_spill))
        {
            Directory.Delete(_spill, recursive: true);
        }
    }

    [Theory]
    [InlineData("The service reported a partial result (PartialError)")]
    [InlineData("The result holds 500000 rows, the cap")]
    [InlineData("Its bytes reach the cap")]
    public async Task RunAsync_StreamTruncatedAfterRows_SplitRequiredAndLakeUntouched(string reason)
    {
        var source = new ScriptedLogSource([Batch(3), Batch(2)], new LogIngestException(ErrorCodes.ResultTruncated, reason), 10);

        var result = await Activity(source).RunAsync(Input());

        Assert.Equal(WindowStatus.SplitRequired, result.Status);
        Assert.Equal(reason, result.SplitReason);
        Assert.Equal(0, result.Rows);
        Assert.Empty(result.Files);
        Assert.Empty(_lake.Files());
        Assert.Empty(Directory.EnumerateFiles(_spill)); // temporary spill files are gone too
    }

    [Fact]
    public async Task RunAsync_RowsDifferFromStableCount_CountMismatchAndNothingWritten()
    {
        var source = new ScriptedLogSource([Batch(3)], null, 4);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Activity(source).RunAsync(Input()));

        Assert.Equal(ErrorCodes.CountMismatch, error.Code);
        Assert.Contains("streamed 3 rows", error.Message, StringComparison.Ordinal);
        Assert.Empty(_lake.Files());
    }

    [Fact]
    public async Task RunAsync_RowsArriveWhileStreaming_WritesNothingAndAsksForARetry()
    {
        // Count 3 before, the stream saw 4, the count after is 5: one row is at the source but not in
        // the stream, so checkpointing this window would lose it for good.
        var source = new ScriptedLogSource([Batch(4)], null, 3, 5);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Activity(source).RunAsync(Input()));

        Assert.Equal(ErrorCodes.SourceChanged, error.Code);
        Assert.True(error.Retryable);
        Assert.Empty(_lake.Files());
    }

    [Fact]
    public async Task RunAsync_RowsGrewBeforeTheStreamAndAgreeAfter_CompletedWithLateRowsReported()
    {
        // Count 3 before, the stream saw 4 and so does the count after: the source grew before the
        // stream read it, and every row is in the stream.
        var source = new ScriptedLogSource([Batch(4)], null, 3, 4);

        var result = await Activity(source).RunAsync(Input());

        Assert.Equal(WindowStatus.Completed, result.Status);
        Assert.Equal(4, result.Rows);
        Assert.Equal(4, result.SourceCount);
        Assert.Equal(2, source.CountCalls);
    }

    [Fact]
    public async Task RunAsync_CountsAgree_OneCountQuery()
    {
        var source = new ScriptedLogSource([Batch(2), Batch(2)], null, 4);

        var result = await Activity(source).RunAsync(Input());

        Assert.Equal(1, source.CountCalls);
        Assert.Equal(4, result.SourceCount);
        Assert.Equal(0, result.LateRows);
        Assert.Single(result.Files);
        Assert.Equal(result.Files, _lake.Files());
        Assert.Equal(new FileInfo(Path.Combine(_lake.Root, result.Files[0])).Length, result.Bytes);
    }

    [Fact]
    public async Task RunAsync_FlattenKeyCollidesWithColumn_SuffixedColumnAndOriginalKept()
    {
        var source = new ScriptedLogSource([Batch(2)], null, 2);

        var result = await Activity(source).RunAsync(Input());

        // Props_Path exists in the source, so the flattened key Path becomes Props_Path_2.
        Assert.Equal(["Props_Path_2", "Props_Tags", "Props_UserAgent"], result.FlattenedColumns);
    }

    [Fact]
    public async Task RunAsync_FlattenColumnMissing_ConfigErrorNamingIt()
    {
        var source = new ScriptedLogSource([Batch(1)], null, 1);
        var config = Config with { Flatten = ["Nope"] };

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Activity(source).RunAsync(Input() with { Config = config }));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("'Nope'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_lake.Files());
    }

    [Fact]
    public async Task RunAsync_RowOutsideTimeGeneratedWindow_SchemaErrorAndNothingWritten()
    {
        var outside = Rows.Batch(Schema, [Noon.AddHours(2), "x", null, null]);
        var source = new ScriptedLogSource([outside], null, 1);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Activity(source).RunAsync(Input()));

        Assert.Equal(ErrorCodes.Schema, error.Code);
        Assert.Empty(_lake.Files());
    }

    [Theory]
    [InlineData(LogColumnType.Decimal, "0.0000000000000000001")]
    [InlineData(LogColumnType.Decimal, "123456789012345678901")]
    [InlineData(LogColumnType.TimeSpan, "five minutes")]
    [InlineData(LogColumnType.Guid, "not-a-guid")]
    public async Task RunAsync_ValueThatDoesNotConvertToItsLakeType_SchemaErrorNamingColumnAndNothingWritten(LogColumnType type, string value)
    {
        (string, LogColumnType)[] schema = [("TimeGenerated", LogColumnType.DateTime), ("_ItemId", LogColumnType.Guid), ("Amount", type)];
        var good = type switch { LogColumnType.Decimal => "1.5", LogColumnType.Guid => "0000000c-0000-4000-8000-000000000000", _ => "00:00:01" };
        var rows = Rows.Batch(schema, [Noon, "0000000a-0000-4000-8000-000000000000", good], [Noon.AddSeconds(1), "0000000b-0000-4000-8000-000000000000", value]);
        var source = new ScriptedLogSource([rows], null, 2);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Activity(source).RunAsync(Input() with { Config = Config with { Flatten = [] } }));

        Assert.Equal(ErrorCodes.Schema, error.Code);
        Assert.Contains($"Column Amount holds the {LogColumnTypes.ToApiName(type)} '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_lake.Files());
    }

    [Fact]
    public async Task RunAsync_EmptyWindow_CompletedWithoutFilesAndOrphansStillRemoved()
    {
        var orphan = new WindowFileName("T", TimeAxis.TimeGenerated, Interval.FromUtc(Noon.AddMinutes(-30), Noon.AddMinutes(30)), null)
            .PathFor(Config.Lake.Prefix, DayPartition.DayOf(Window.Start));
        await _lake.Store.PutAsync(orphan, (s, ct) => s.WriteAsync(new byte[] { 1 }, ct).AsTask());
        var source = new ScriptedLogSource([], null, 0);

        var result = await Activity(source).RunAsync(Input());

        Assert.Equal(WindowStatus.Completed, result.Status);
        Assert.Empty(result.Files);
        Assert.Equal(1, result.OrphansRemoved);
        Assert.Empty(_lake.Files());
    }

    private static IngestWindowInput Input() => new(Config, "run-1", TimeAxis.TimeGenerated, Window, null);

    private IngestWindowActivity Activity(ScriptedLogSource source) =>
        new(source, _lake.Store, Options.Create(new IngestWindowOptions { SpillDirectory = _spill }));

    private static LogBatch Batch(int rows) =>
        Rows.Batch(Schema, [.. Enumerable.Range(0, rows).Select(i => new object?[]
        {
            Noon.AddSeconds(i),
            Guid.NewGuid().ToString(),
            i % 2 == 0 ? """{"Path":"a","Tags":["x"]}""" : """[{"Name":"UserAgent","Value":"u"}]""",
            "p",
        })]);
}
