namespace LogIngest.Parquet.Tests.Reading;

/// <summary>Files written by <see cref="ParquetWriter"/> read back identically.</summary>
public sealed class ParquetFileReaderRoundTripTests
{
    public static IEnumerable<object[]> CodecAndDictionaryCases() => RoundTripFixture.CodecAndDictionaryCases();

    [Theory]
    [MemberData(nameof(CodecAndDictionaryCases))]
    public async Task ReadRowsAsync_EveryTypeEachCodecAndEncoding_ReturnsWrittenRows(ParquetCompression codec, bool dictionary)
    {
        var table = EdgeCaseTables.EveryType(41);
        var bytes = await ReaderTestFiles.WriteAsync(table, SmallGroups(codec, dictionary), batchSize: 7);

        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        Assert.Equal(41, reader.RowCount);
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal([16L, 16L, 9L], reader.RowGroupRowCounts);
        Assert.Equal(EdgeCaseTables.EveryTypeSchema, reader.Schema);
        ReaderTestFiles.AssertRows(table, await ReaderTestFiles.ReadRowsAsync(reader));
    }

    [Theory]
    [MemberData(nameof(CodecAndDictionaryCases))]
    public async Task ReadValuesAsync_EachColumn_ReturnsItsValuesInRowOrder(ParquetCompression codec, bool dictionary)
    {
        var table = EdgeCaseTables.EveryType(41);
        var bytes = await ReaderTestFiles.WriteAsync(table, SmallGroups(codec, dictionary), batchSize: 7);
        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        for (var c = 0; c < table.Schema.Columns.Count; c++)
        {
            var values = await ReaderTestFiles.ToListAsync(reader.ReadValuesAsync(table.Schema.Columns[c].Name));
            Assert.Equal(table.Rows.Count, values.Count);
            for (var r = 0; r < values.Count; r++)
            {
                ReaderTestFiles.AssertValue(ReaderTestFiles.Expected(table.Rows[r][c]), values[r], $"row {r}, column '{table.Schema.Columns[c].Name}'");
            }
        }
    }

    [Theory]
    [InlineData("s")]
    [InlineData("j")]
    [InlineData("rs")]
    [InlineData("rj")]
    [InlineData("all_null_s")]
    public async Task ReadStringsAsync_StringOrJsonColumn_ReturnsValuesWithNulls(string column)
    {
        var table = EdgeCaseTables.EveryType(41);
        var bytes = await ReaderTestFiles.WriteAsync(table, SmallGroups(ParquetCompression.Snappy, dictionary: true), batchSize: 7);
        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        var values = await ReaderTestFiles.ToListAsync(reader.ReadStringsAsync(column));

        var index = table.Schema.IndexOf(column);
        Assert.Equal(table.Rows.Select(r => (string?)r[index]), values);
    }

    [Fact]
    public async Task OpenAsync_WriterOptions_ExposesKeyValueMetadataAndCreatedBy()
    {
        var options = new ParquetWriterOptions
        {
            CreatedBy = "LogIngest test writer",
            KeyValueMetadata = { ["origin"] = "reader test", ["unicode"] = "ключ 😀", ["empty"] = string.Empty },
        };
        var bytes = await ReaderTestFiles.WriteAsync(EdgeCaseTables.EveryType(3), options);

        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        Assert.Equal("LogIngest test writer", reader.CreatedBy);
        Assert.Equal(3, reader.Metadata.Count);
        Assert.Equal("reader test", reader.Metadata["origin"]);
        Assert.Equal("ключ 😀", reader.Metadata["unicode"]);
        Assert.Equal(string.Empty, reader.Metadata["empty"]);
    }

    [Fact]
    public async Task ReadRowsAsync_ZeroRows_ReturnsSchemaAndNothing()
    {
        var bytes = await ReaderTestFiles.WriteAsync(EdgeCaseTables.EveryType(0));

        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        Assert.Equal(0, reader.RowCount);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Empty(reader.RowGroupRowCounts);
        Assert.Equal(EdgeCaseTables.EveryTypeSchema, reader.Schema);
        Assert.Empty(await ReaderTestFiles.ReadRowsAsync(reader));
        Assert.Empty(await ReaderTestFiles.ToListAsync(reader.ReadStringsAsync("s")));
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Uncompressed)]
    public async Task ReadRowsAsync_NullsInEveryTypeAndPosition_ReturnsNulls(ParquetCompression codec)
    {
        var schema = new ParquetSchema(
            Enum.GetValues<ParquetColumnType>().Select(t => new ParquetColumn(t.ToString(), t)));
        object?[] values = [.. schema.Columns.Select(c => c.Type switch
        {
            ParquetColumnType.String => (object)"text",
            ParquetColumnType.Int32 => 7,
            ParquetColumnType.Int64 => 8L,
            ParquetColumnType.Double => 2.5,
            ParquetColumnType.Boolean => true,
            ParquetColumnType.Timestamp => new Micros(1_700_000_000_000_000),
            _ => "{\"k\":1}",
        })];

        // Nulls everywhere, with lone values at the first, a middle, a row group's last and first, and a late row;
        // the second row group ends in a run of nulls.
        var present = new HashSet<int> { 0, 100, 159, 160, 299 };
        var rows = Enumerable.Range(0, 320).Select(r => present.Contains(r) ? values.ToArray() : new object?[values.Length]).ToList();
        var table = new TestTable(schema, rows);
        var bytes = await ReaderTestFiles.WriteAsync(table, new ParquetWriterOptions { Compression = codec, RowGroupMaxRows = 160 });

        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        ReaderTestFiles.AssertRows(table, await ReaderTestFiles.ReadRowsAsync(reader));
    }

    [Fact]
    public async Task ReadStringsAsync_DictionaryOverflowsMidColumn_ReturnsEveryValue()
    {
        // The writer's tests show this setting switches the chunk from RLE_DICTIONARY to PLAIN part-way.
        var schema = new ParquetSchema(new ParquetColumn("id", ParquetColumnType.Int64), new ParquetColumn("name", ParquetColumnType.String));
        var table = new TestTable(schema, DictionaryFallbackRows());
        var bytes = await ReaderTestFiles.WriteAsync(table, DictionaryFallbackOptions(), batchSize: 500);

        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        Assert.Equal(table.Rows.Select(r => (string?)r[1]), await ReaderTestFiles.ToListAsync(reader.ReadStringsAsync("name")));
        ReaderTestFiles.AssertRows(table, await ReaderTestFiles.ReadRowsAsync(reader));
    }

    [Fact]
    public async Task ReadValuesAsync_ManyRowGroups_ReturnsRowsInFileOrder()
    {
        var schema = new ParquetSchema(
            new ParquetColumn("composite_key", ParquetColumnType.String, IsNullable: false),
            new ParquetColumn("n", ParquetColumnType.Int64, IsNullable: false));
        var rows = Enumerable.Range(0, 10_000).Select(i => new object?[] { $"key-{i:D6}", (long)i * 3 }).ToList();
        var bytes = await ReaderTestFiles.WriteAsync(new TestTable(schema, rows), new ParquetWriterOptions { RowGroupMaxRows = 1_000 }, batchSize: 2_500);

        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        Assert.Equal(10, reader.RowGroupCount);
        Assert.All(reader.RowGroupRowCounts, count => Assert.Equal(1_000, count));
        Assert.Equal(rows.Select(r => (string?)r[0]), await ReaderTestFiles.ToListAsync(reader.ReadStringsAsync("composite_key")));
        Assert.Equal(rows.Select(r => r[1]), await ReaderTestFiles.ToListAsync(reader.ReadValuesAsync("n")));
    }

    [Fact]
    public async Task OpenAsync_Path_ReadsFileAndStopsAfterDispose()
    {
        using var folder = new TempFolder();
        var table = EdgeCaseTables.EveryType(5);
        var path = folder.File("file.parquet");
        await table.WriteAsync(path);

        var reader = await ParquetFileReader.OpenAsync(path);
        ReaderTestFiles.AssertRows(table, await ReaderTestFiles.ReadRowsAsync(reader));
        reader.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => ReaderTestFiles.ToListAsync(reader.ReadStringsAsync("s")));
    }

    [Fact]
    public async Task ReadStringsAsync_NonStringColumn_ThrowsNamingColumnAndType()
    {
        var bytes = await ReaderTestFiles.WriteAsync(EdgeCaseTables.EveryType(3));
        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        var error = await Assert.ThrowsAsync<ParquetException>(() => ReaderTestFiles.ToListAsync(reader.ReadStringsAsync("i64")));

        Assert.Equal("i64", error.ColumnName);
        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadValuesAsync_UnknownColumn_ThrowsListingColumns()
    {
        var bytes = await ReaderTestFiles.WriteAsync(EdgeCaseTables.EveryType(3));
        using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));

        var error = await Assert.ThrowsAsync<ParquetException>(() => ReaderTestFiles.ToListAsync(reader.ReadValuesAsync("missing")));

        Assert.Equal("missing", error.ColumnName);
        Assert.Contains("i32 Int32?", error.Message, StringComparison.Ordinal);
    }

    internal static List<object?[]> DictionaryFallbackRows() =>
        Enumerable.Range(0, 3000)
            .Select(i => new object?[] { (long)i, i % 10 == 0 ? null : $"name-{i:D6}-{(i % 7 == 0 ? "😀" : "x")}" })
            .ToList();

    internal static ParquetWriterOptions DictionaryFallbackOptions() => new()
    {
        DictionaryPageSizeLimit = 4096,
        PageSizeBytes = 4096,
        RowGroupMaxRows = 2000,
    };

    private static ParquetWriterOptions SmallGroups(ParquetCompression codec, bool dictionary) => new()
    {
        Compression = codec,
        DictionaryEnabled = dictionary,
        RowGroupMaxRows = 16,
        PageSizeBytes = 1024,
    };
}
