namespace LogIngest.Parquet.Tests;

public sealed class ParquetColumnBufferTests
{
    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("at", ParquetColumnType.Timestamp),
        new ParquetColumn("n", ParquetColumnType.Int64),
        new ParquetColumn("s", ParquetColumnType.String));

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(10L, 1L)]
    [InlineData(19L, 1L)]
    [InlineData(-1L, -1L)]
    [InlineData(-10L, -1L)]
    [InlineData(-11L, -2L)]
    public void ToUnixMicroseconds_TicksAroundEpoch_RoundsTowardThePast(long ticksFromEpoch, long expected)
    {
        Assert.Equal(expected, ParquetTimestampBuffer.ToUnixMicroseconds(DateTime.UnixEpoch.Ticks + ticksFromEpoch));
    }

    [Fact]
    public void Append_DateTimeOffsetAndDateTime_StoreUtcMicroseconds()
    {
        var batch = new ParquetBatch(Schema);
        var instant = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        batch.Timestamps("at").Append(instant);
        batch.Timestamps("at").Append(instant.UtcDateTime);
        batch.Timestamps("at").Append((DateTimeOffset?)null);

        var expected = (instant.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
        Assert.Equal([expected, expected, 0L], batch.Timestamps("at").Values.ToArray());
        Assert.True(batch.Columns[0].IsNull(2));
        Assert.Equal(1, batch.Columns[0].NullCount);
    }

    [Fact]
    public void AppendRange_WithNullFlags_KeepsOneSlotPerRow()
    {
        var batch = new ParquetBatch(Schema, capacity: 2);
        batch.Int64s(1).AppendRange([1, 2, 3, 4, 5], [false, true, false, false, true]);
        batch.Int64s(1).AppendRange([6]);

        Assert.Equal(6, batch.Columns[1].Count);
        Assert.Equal(2, batch.Columns[1].NullCount);
        Assert.Equal([false, true, false, false, true, false], Enumerable.Range(0, 6).Select(batch.Columns[1].IsNull));
    }

    [Fact]
    public void Clear_AfterRows_EmptiesEveryColumnForReuse()
    {
        var batch = new ParquetBatch(Schema);
        batch.Strings(2).Append("x");
        batch.Strings(2).Append((string?)null);
        batch.Clear();
        batch.Strings(2).Append(string.Empty);

        Assert.Equal(1, batch.Columns[2].Count);
        Assert.Equal(0, batch.Columns[2].NullCount);
        Assert.False(batch.Columns[2].IsNull(0));
        Assert.True(batch.Strings(2).GetUtf8(0).IsEmpty);
    }
}
