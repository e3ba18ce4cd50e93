namespace LogIngest.Parquet.Tests;

public sealed class ParquetWriterMisuseTests
{
    private static readonly ParquetSchema Schema = new(
        new ParquetColumn("name", ParquetColumnType.String),
        new ParquetColumn("count", ParquetColumnType.Int64, IsNullable: false));

    [Fact]
    public void AppendNull_RequiredColumn_ThrowsNamingColumn()
    {
        var batch = new ParquetBatch(Schema);
        var error = Assert.Throws<ParquetException>(() => batch.Int64s("count").AppendNull());
        Assert.Equal("count", error.ColumnName);
        Assert.Contains("'count'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, batch.Columns[1].Count);
    }

    [Fact]
    public void AppendRange_NullFlagInRequiredColumn_ThrowsNamingColumn()
    {
        var batch = new ParquetBatch(Schema);
        var error = Assert.Throws<ParquetException>(() => batch.Int64s(1).AppendRange([1L, 2L], [false, true]));
        Assert.Equal("count", error.ColumnName);
    }

    [Fact]
    public void Accessor_WrongType_ThrowsNamingColumnAndType()
    {
        var batch = new ParquetBatch(Schema);
        var error = Assert.Throws<ParquetException>(() => batch.Doubles("count"));
        Assert.Equal("count", error.ColumnName);
        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
        Assert.Throws<ParquetException>(() => batch.Strings("missing"));
    }

    [Fact]
    public async Task WriteAsync_ColumnsOfDifferentLengths_ThrowsNamingColumnAndWritesNothing()
    {
        using var stream = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream);
        var batch = new ParquetBatch(Schema);
        batch.Strings(0).Append("a");
        batch.Strings(0).Append("b");
        batch.Int64s(1).Append(1);

        var error = await Assert.ThrowsAsync<ParquetException>(() => writer.WriteAsync(batch));

        Assert.Equal("count", error.ColumnName);
        Assert.Equal(0, writer.RowCount);
        Assert.Equal(4, stream.Length);
    }

    [Fact]
    public async Task WriteAsync_BatchWithOtherColumns_ThrowsNamingColumn()
    {
        using var stream = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream);
        var fewer = new ParquetBatch(new ParquetSchema(new ParquetColumn("name", ParquetColumnType.String)));
        var retyped = new ParquetBatch(new ParquetSchema(
            new ParquetColumn("name", ParquetColumnType.String),
            new ParquetColumn("count", ParquetColumnType.Int32, IsNullable: false)));

        var missing = await Assert.ThrowsAsync<ParquetException>(() => writer.WriteAsync(fewer));
        var wrongType = await Assert.ThrowsAsync<ParquetException>(() => writer.WriteAsync(retyped));

        Assert.Equal("count", missing.ColumnName);
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
        Assert.Equal("count", wrongType.ColumnName);
        Assert.Contains("Int32", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_AfterComplete_Throws()
    {
        using var stream = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream);
        await writer.CompleteAsync();
        var length = stream.Length;

        var error = await Assert.ThrowsAsync<ParquetException>(() => writer.WriteAsync(new ParquetBatch(Schema)));

        Assert.Contains("already complete", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ParquetException>(() => writer.CompleteAsync());
        Assert.Equal(length, stream.Length);
    }

    [Fact]
    public void Schema_DuplicateOrEmptyNames_Throw()
    {
        var duplicate = Assert.Throws<ParquetException>(() => new ParquetSchema(
            new ParquetColumn("a", ParquetColumnType.String), new ParquetColumn("a", ParquetColumnType.Int64)));
        Assert.Equal("a", duplicate.ColumnName);
        Assert.Throws<ParquetException>(() => new ParquetSchema(new ParquetColumn(string.Empty, ParquetColumnType.String)));
        Assert.Throws<ParquetException>(() => new ParquetSchema(Array.Empty<ParquetColumn>()));
    }

    [Fact]
    public async Task CreateAsync_InvalidOptions_ThrowsNamingOption()
    {
        using var stream = new MemoryStream();
        var error = await Assert.ThrowsAsync<ParquetException>(() =>
            ParquetWriter.CreateAsync(Schema, stream, new ParquetWriterOptions { RowGroupMaxRows = 0 }));
        Assert.Contains("RowGroupMaxRows", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void AppendUtf8_InvalidBytes_ThrowsNamingColumn()
    {
        var batch = new ParquetBatch(Schema);
        var error = Assert.Throws<ParquetException>(() => batch.Strings(0).AppendUtf8([0xC3, 0x28]));
        Assert.Equal("name", error.ColumnName);
        Assert.Equal(0, batch.Columns[0].Count);
    }

    [Fact]
    public async Task WriteAsync_Cancelled_ThrowsAndLeavesFileUnfinished()
    {
        using var stream = new MemoryStream();
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream);
        var batch = new ParquetBatch(Schema);
        batch.Strings(0).Append("a");
        batch.Int64s(1).Append(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WriteAsync(batch, cancelled.Token));

        // A failed writer refuses to finish the file: a footer would make a partial file look whole.
        await Assert.ThrowsAsync<ParquetException>(() => writer.CompleteAsync());
        Assert.False(stream.ToArray().AsSpan()[^4..].SequenceEqual("PAR1"u8) && stream.Length > 4);
    }
}
