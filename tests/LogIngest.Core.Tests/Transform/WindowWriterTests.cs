using LogIngest.Core.Model;
using LogIngest.Core.Transform;
using Parquet;

namespace LogIngest.Core.Tests.Transform;

public sealed class WindowWriterTests : IDisposable
{
    private static readonly (string, LogColumnType)[] Schema =
        [("TimeGenerated", LogColumnType.DateTime), ("_ItemId", LogColumnType.Guid), ("Body", LogColumnType.String)];

    private static readonly DateTime Noon = new(2025, 5, 6, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _spill = Path.Combine(Path.GetTempPath(), "logingest-spill-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_spill))
        {
            Directory.Delete(_spill, recursive: true);
        }
    }

    [Fact]
    public async Task WriteDayAsync_RowsLongerThanASpillChunkAmongShortOnes_EveryRowWrittenWholeInOrder()
    {
        // The spill is read back in chunks of whole records: a record longer than a chunk, and records
        // cut by chunk ends, must come back intact and in order.
        var bodies = Enumerable.Range(0, 400).Select(i => i % 97 == 5 ? new string((char)('a' + (i % 26)), 300_000 + i) : $"row {i} " + new string('x', i * 37)).ToList();
        var rows = bodies.Select((body, i) => new object?[] { Noon.AddSeconds(i), new Guid(i, 0, 0, new byte[8]).ToString(), body }).ToArray();
        var settings = new WindowWriterSettings { Table = "T", Axis = TimeAxis.TimeGenerated, Window = Interval.FromUtc(Noon, Noon.AddHours(1)), SpillDirectory = _spill, BatchRows = 64 };
        await using var writer = new WindowWriter(settings);
        writer.Add(Rows.Batch(Schema, rows[..150]));
        writer.Add(Rows.Batch(Schema, rows[150..]));
        using var file = new MemoryStream();

        var written = await writer.WriteDayAsync(writer.Days.Single(), file);

        Assert.Equal(bodies.Count, written);
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.GetDataFields();
        var read = new List<string?>();
        var items = new List<Guid>();
        var keys = new List<long>();
        foreach (var group in reader.RowGroups)
        {
            var count = checked((int)group.RowCount);
            var text = new string?[count];
            await group.ReadAsync(fields.Single(f => f.Name == "Body"), text.AsMemory());
            read.AddRange(text);
            var guids = new Guid?[count];
            await group.ReadAsync(fields.Single(f => f.Name == "_ItemId"), guids.AsMemory());
            items.AddRange(guids.Select(g => g!.Value));
            var key = new long[count];
            await group.ReadAsync<long>(fields.Single(f => f.Name == WindowSchema.CompositeKeyColumn), key.AsMemory());
            keys.AddRange(key);
        }

        Assert.Equal<string?>(bodies, read);
        Assert.Equal(Enumerable.Range(0, bodies.Count).Select(i => new Guid(i, 0, 0, new byte[8])), items);
        Assert.Equal(keys.Count, keys.Distinct().Count());

        // The file's keys are the keys of the rows as they came, through the spill and back.
        var expected = new CompositeKeyBuilder(Rows.Batch(Schema).Columns, null);
        var all = Rows.Batch(Schema, rows);
        var encoded = new System.Buffers.ArrayBufferWriter<byte>();
        var keysOfRows = Enumerable.Range(0, all.RowCount).Select(r =>
        {
            encoded.ResetWrittenCount();
            CanonicalRow.WriteRow(all.Columns, r, encoded);
            return expected.Next(encoded.WrittenSpan);
        }).ToList();
        Assert.Equal(keysOfRows, keys);
    }
}
