using System.Globalization;
using System.Text.Json;

namespace LogIngest.Parquet.Tests.Reading;

/// <summary>Files DuckDB writes read back as DuckDB itself reads them; features the reader lacks fail clearly.</summary>
public sealed class ParquetFileReaderDuckDbTests(DuckDbReferenceFiles files) : IClassFixture<DuckDbReferenceFiles>
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static IEnumerable<object[]> Codecs() => DuckDbReferenceFiles.Codecs.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task ReadRowsAsync_DuckDbFile_ReturnsWhatDuckDbReads(string codec)
    {
        // The file must hold both kinds of pages for this test to mean anything.
        var metadata = files.DuckDbMetadata(codec);
        Assert.Contains(metadata, m => Text(m, "path_in_schema") == "s" && Text(m, "encodings")!.Contains("DICTIONARY", StringComparison.Ordinal));
        Assert.Contains(metadata, m => Text(m, "path_in_schema") == "i32_low" && Text(m, "encodings")!.Contains("DICTIONARY", StringComparison.Ordinal));
        Assert.Contains(metadata, m => Text(m, "path_in_schema") == "su" && Text(m, "encodings") == "PLAIN");
        var expected = files.DuckDbRows(codec);

        using var reader = await ParquetFileReader.OpenAsync(files.PathOf(codec));
        var rows = await ReaderTestFiles.ReadRowsAsync(reader);

        Assert.Equal(DuckDbReferenceFiles.Rows, reader.RowCount);
        Assert.Equal(RowGroupCounts(metadata), reader.RowGroupRowCounts);
        Assert.True(reader.RowGroupCount > 1);
        Assert.StartsWith("DuckDB", reader.CreatedBy, StringComparison.Ordinal);
        Assert.Equal(expected.Count, rows.Count);
        var names = reader.Schema.Columns.Select(c => c.Name).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < names.Count; c++)
            {
                AssertCell(names[c], expected[r].GetProperty(names[c]), rows[r][c], $"{codec}: row {r}, column '{names[c]}'");
            }
        }
    }

    [Fact]
    public async Task OpenAsync_DuckDbFile_MapsTypesToWriterColumns()
    {
        using var reader = await ParquetFileReader.OpenAsync(files.PathOf("snappy"));

        var expected = new ParquetSchema(
            new ParquetColumn("id", ParquetColumnType.Int64),
            new ParquetColumn("i32", ParquetColumnType.Int32),
            new ParquetColumn("i32_low", ParquetColumnType.Int32),
            new ParquetColumn("i64", ParquetColumnType.Int64),
            new ParquetColumn("d", ParquetColumnType.Double),
            new ParquetColumn("d_low", ParquetColumnType.Double),
            new ParquetColumn("b", ParquetColumnType.Boolean),
            new ParquetColumn("s", ParquetColumnType.String),
            new ParquetColumn("su", ParquetColumnType.String),
            new ParquetColumn("j", ParquetColumnType.Json),
            new ParquetColumn("ts", ParquetColumnType.Timestamp),
            new ParquetColumn("tstz", ParquetColumnType.Timestamp),
            new ParquetColumn("tsms", ParquetColumnType.Timestamp),
            new ParquetColumn("tsns", ParquetColumnType.Timestamp),
            new ParquetColumn("n", ParquetColumnType.String));
        Assert.Equal(expected, reader.Schema);
    }

    [Fact]
    public async Task ReadStringsAsync_DuckDbUniqueAndDictionaryStrings_MatchDuckDb()
    {
        using var reader = await ParquetFileReader.OpenAsync(files.PathOf("gzip"));

        foreach (var column in new[] { "s", "su", "j", "n" })
        {
            var values = await ReaderTestFiles.ToListAsync(reader.ReadStringsAsync(column));
            Assert.Equal(files.DuckDbRows("gzip").Select(r => r.GetProperty(column).GetString()), values);
        }
    }

    [Fact]
    public async Task ReadRowsAsync_DuckDbDataPagesV2WithDeltaEncodings_ReturnsWhatDuckDbReads()
    {
        // DuckDB's v2 files use data page v2 and the delta / byte-stream-split encodings; check they are there.
        var encodings = files.DuckDbMetadata("v2").Select(m => Text(m, "encodings")!).ToList();
        foreach (var encoding in new[] { "RLE_DICTIONARY", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT" })
        {
            Assert.Contains(encodings, e => e.Contains(encoding, StringComparison.Ordinal));
        }

        var expected = files.DuckDbRows("snappy");
        using var reader = await ParquetFileReader.OpenAsync(files.PathOf("v2"));
        var rows = await ReaderTestFiles.ReadRowsAsync(reader);

        Assert.Equal(expected.Count, rows.Count);
        var names = reader.Schema.Columns.Select(c => c.Name).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < names.Count; c++)
            {
                AssertCell(names[c], expected[r].GetProperty(names[c]), rows[r][c], $"v2: row {r}, column '{names[c]}'");
            }
        }
    }

    [Fact]
    public async Task ReadRowsAsync_ZstdFile_ThrowsNamingColumnAndCodec()
    {
        using var reader = await ParquetFileReader.OpenAsync(files.PathOf("zstd"));

        var error = await Assert.ThrowsAsync<ParquetException>(() => ReaderTestFiles.ReadRowsAsync(reader));

        Assert.Equal("id", error.ColumnName);
        Assert.Contains("ZSTD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("float", "FLOAT")]
    [InlineData("date", "DATE")]
    [InlineData("decimal", "DECIMAL")]
    [InlineData("list", "nested")]
    [InlineData("struct", "nested")]
    [InlineData("blob", "BYTE_ARRAY")]
    [InlineData("smallint", "INT_16")]
    public async Task OpenAsync_UnsupportedColumnType_ThrowsNamingColumnAndType(string column, string what)
    {
        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(files.PathOf(column)));

        Assert.Equal(column, error.ColumnName);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRowsAsync_WriterDictionaryFallbackFile_ChunkMixesEncodingsAndReadsBack()
    {
        var chunk = files.DuckDbMetadata("writer-fallback").First(m => Text(m, "path_in_schema") == "name");
        Assert.Contains("RLE_DICTIONARY", Text(chunk, "encodings"), StringComparison.Ordinal);
        Assert.Contains("PLAIN", Text(chunk, "encodings"), StringComparison.Ordinal);

        using var reader = await ParquetFileReader.OpenAsync(files.PathOf("writer-fallback"));

        var expected = ParquetFileReaderRoundTripTests.DictionaryFallbackRows();
        Assert.Equal(expected.Select(r => (string?)r[1]), await ReaderTestFiles.ToListAsync(reader.ReadStringsAsync("name")));
    }

    private static List<long> RowGroupCounts(IReadOnlyList<JsonElement> metadata) =>
        metadata.GroupBy(m => long.Parse(Text(m, "row_group_id")!, CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g => long.Parse(Text(g.First(), "row_group_num_rows")!, CultureInfo.InvariantCulture))
            .ToList();

    private static string? Text(JsonElement element, string property) =>
        element.GetProperty(property) is { ValueKind: not JsonValueKind.Null } value ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;

    /// <summary>Compares one value the reader returned with DuckDB's canonical text for it.</summary>
    private static void AssertCell(string column, JsonElement expected, object? actual, string where)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual is null, $"{where}: expected null, got {actual}");
            return;
        }

        object? want = column switch
        {
            "id" or "i64" => long.Parse(expected.GetString()!, CultureInfo.InvariantCulture),
            "i32" or "i32_low" => expected.GetInt32(),
            "d" or "d_low" => expected.ValueKind == JsonValueKind.String
                ? double.Parse(expected.GetString()!, CultureInfo.InvariantCulture)
                : expected.GetDouble(),
            "b" => expected.GetBoolean(),
            "ts" or "tstz" => Ticks(long.Parse(expected.GetString()!, CultureInfo.InvariantCulture) * 10),
            "tsms" => Ticks(long.Parse(expected.GetString()!, CultureInfo.InvariantCulture) * 10_000),
            "tsns" => Ticks(long.Parse(expected.GetString()!, CultureInfo.InvariantCulture) / 100),
            _ => expected.GetString(),
        };

        // DuckDB's JSON gives -0.0 as 0; the reader keeps the sign, which equality of doubles ignores.
        var ok = want is double w && actual is double a ? w.Equals(a) : want!.Equals(actual) && (actual is not DateTime t || t.Kind == DateTimeKind.Utc);
        Assert.True(ok, $"{where}: expected {want} ({want?.GetType().Name}), got {actual} ({actual?.GetType().Name})");
    }

    private static DateTime Ticks(long sinceEpoch) => new(UnixEpochTicks + sinceEpoch, DateTimeKind.Utc);
}
