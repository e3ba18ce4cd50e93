using System.Text.Json;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Parquet.Tests;

/// <summary>What DuckDB's parquet_metadata() / parquet_schema() report about files this writer made.</summary>
public sealed class ParquetWriterMetadataTests(RoundTripFixture files) : IClassFixture<RoundTripFixture>
{
    private ParquetInspection Duck(string name) => files.Inspection(name, ParquetReaders.DuckDb);

    private static string? Text(JsonElement row, string property) =>
        row.GetProperty(property).ValueKind == JsonValueKind.Null ? null : row.GetProperty(property).ToString();

    [Theory]
    [MemberData(nameof(RoundTripFixture.CodecAndDictionaryCases), MemberType = typeof(RoundTripFixture))]
    public void CompleteAsync_EveryColumnChunk_ReportsCodecAndEncodings(ParquetCompression codec, bool dictionary)
    {
        var duck = Duck(RoundTripFixture.EveryTypeCase(codec, dictionary));
        var expectedCodec = codec switch
        {
            ParquetCompression.Snappy => "SNAPPY",
            ParquetCompression.Gzip => "GZIP",
            _ => "UNCOMPRESSED",
        };
        Assert.NotEmpty(duck.Metadata);
        foreach (var chunk in duck.Metadata)
        {
            Assert.Equal(expectedCodec, Text(chunk, "compression"));
            var column = Text(chunk, "path_in_schema")!;
            var encodings = Text(chunk, "encodings")!;
            var isText = column is "s" or "j" or "rs" or "rj" or "all_null_s";
            if (dictionary && isText && column != "all_null_s")
            {
                Assert.Contains("RLE_DICTIONARY", encodings, StringComparison.Ordinal);
                Assert.NotNull(Text(chunk, "dictionary_page_offset"));
            }
            else
            {
                Assert.DoesNotContain("DICTIONARY", encodings, StringComparison.Ordinal);
                Assert.Null(Text(chunk, "dictionary_page_offset"));
            }
        }
    }

    [Fact]
    public void CompleteAsync_RowGroupsFlushedByRows_DuckDbSeesEachRowGroup()
    {
        var duck = Duck(RoundTripFixture.EveryTypeCase(ParquetCompression.Snappy, true));
        var rowGroups = duck.ColumnMetadata("i64").Select(c => (Id: Text(c, "row_group_id"), Rows: Text(c, "row_group_num_rows"))).ToList();
        Assert.Equal([("0", "16"), ("1", "16"), ("2", "9")], rowGroups);
        var file = Assert.Single(duck.FileMetadata);
        Assert.Equal("41", Text(file, "num_rows"));
        Assert.Equal("3", Text(file, "num_row_groups"));
    }

    [Fact]
    public void WriteAsync_RowGroupByteLimit_FlushesRowGroupsNearTheLimit()
    {
        var chunks = Duck("row-groups-by-bytes").ColumnMetadata("text");
        Assert.True(chunks.Count >= 4, $"expected several row groups, got {chunks.Count}: " + string.Join(", ", chunks.Select(c => Text(c, "row_group_num_rows") + ":" + Text(c, "row_group_compressed_bytes") + ":" + Text(c, "total_compressed_size"))));
        foreach (var chunk in chunks)
        {
            var bytes = long.Parse(Text(chunk, "row_group_compressed_bytes")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(bytes <= 64 * 1024 * 1.25, $"row group of {bytes} bytes overshoots the 64 KiB limit by more than a step: " + string.Join(", ", chunks.Select(c => Text(c, "row_group_num_rows") + ":" + Text(c, "row_group_compressed_bytes") + ":" + Text(c, "total_compressed_size"))));
        }
    }

    [Fact]
    public void CompleteAsync_Statistics_FollowSortOrdersAndCountNulls()
    {
        var name = RoundTripFixture.EveryTypeCase(ParquetCompression.Snappy, true);
        var duck = Duck(name);
        var table = files.Table(name);
        for (var group = 0; group < 3; group++)
        {
            var rows = table.Rows.Skip(group * 16).Take(16).ToList();
            foreach (var (column, index) in new[] { ("i32", 2), ("i64", 3), ("ts", 6), ("ri32", 9), ("ri64", 10), ("rts", 13) })
            {
                var values = rows.Select(r => r[index]).Where(v => v is not null).Select(v => v is Micros m ? m.Value : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var chunk = duck.ColumnMetadata(column)[group];
                Assert.Equal(values.Min(), long.Parse(Text(chunk, "stats_min_value")!.Length > 0 && column.Contains("ts", StringComparison.Ordinal) ? MicrosOf(Text(chunk, "stats_min_value")!) : Text(chunk, "stats_min_value")!, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(values.Max(), long.Parse(column.Contains("ts", StringComparison.Ordinal) ? MicrosOf(Text(chunk, "stats_max_value")!) : Text(chunk, "stats_max_value")!, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(rows.Count(r => r[index] is null).ToString(System.Globalization.CultureInfo.InvariantCulture), Text(chunk, "stats_null_count"));
            }

            // Strings: unsigned byte order of UTF-8, which is ordinal order of code points.
            var strings = rows.Select(r => (string?)r[0]).Where(v => v is not null).Select(v => v!).ToList();
            var stringChunk = duck.ColumnMetadata("s")[group];
            var ordered = strings.OrderBy(v => System.Text.Encoding.UTF8.GetBytes(v), ByteOrder.Instance).ToList();
            if (System.Text.Encoding.UTF8.GetByteCount(ordered[0]) <= 1024 && System.Text.Encoding.UTF8.GetByteCount(ordered[^1]) <= 1024)
            {
                Assert.Equal(ordered[0], Text(stringChunk, "stats_min_value"));
                Assert.Equal(ordered[^1], Text(stringChunk, "stats_max_value"));
            }
            else
            {
                // The 1 MB value would bloat the footer: min/max are left out, the null count stays.
                Assert.Null(Text(stringChunk, "stats_min_value"));
                Assert.Null(Text(stringChunk, "stats_max_value"));
            }

            Assert.Equal(rows.Count(r => r[0] is null).ToString(System.Globalization.CultureInfo.InvariantCulture), Text(stringChunk, "stats_null_count"));
            var all = duck.ColumnMetadata("all_null_i64")[group];
            Assert.Null(Text(all, "stats_min_value"));
            Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(all, "stats_null_count"));
        }
    }

    [Theory]
    [InlineData(0, "-0", 2.5)]
    [InlineData(1, -3.0, 0.0)]
    public void CompleteAsync_DoubleStatistics_ExcludeNaNAndWidenZeros(int rowGroup, object min, double max)
    {
        var statistics = files.Inspection("double-statistics", ParquetReaders.Hyparquet).FooterStatistics("x", rowGroup);
        TestTable.AssertCell(min is string ? -0.0 : min, statistics.GetProperty("min_value"), "min_value");
        Assert.Equal(JsonValueKind.Number, statistics.GetProperty("max_value").ValueKind);
        Assert.Equal(max, statistics.GetProperty("max_value").GetDouble());
        Assert.False(double.IsNegative(statistics.GetProperty("max_value").GetDouble()));
    }

    [Fact]
    public void CompleteAsync_AllNaNDoubles_HaveNoBounds()
    {
        // (nan_count is written too, but none of the three readers exposes it.)
        var statistics = files.Inspection("double-statistics", ParquetReaders.Hyparquet).FooterStatistics("x", 2);
        Assert.False(statistics.TryGetProperty("min_value", out var min) && min.ValueKind != JsonValueKind.Null);
        Assert.False(statistics.TryGetProperty("max_value", out var max) && max.ValueKind != JsonValueKind.Null);
        Assert.Equal("1", statistics.GetProperty("null_count").GetString());
    }

    [Fact]
    public void CompleteAsync_FiniteDoubleStatistics_DuckDbReadsThem()
    {
        var chunks = Duck("double-statistics").ColumnMetadata("x");
        Assert.Equal(("-0.0", "2.5"), (Text(chunks[0], "stats_min_value"), Text(chunks[0], "stats_max_value")));
        Assert.Equal(("-3.0", "0.0"), (Text(chunks[1], "stats_min_value"), Text(chunks[1], "stats_max_value")));
    }

    [Fact]
    public void CompleteAsync_DictionaryOverflow_LaterPagesArePlainAndChunkListsBoth()
    {
        var chunks = Duck("dictionary-fallback").ColumnMetadata("name");
        var first = Text(chunks[0], "encodings")!;
        Assert.Contains("RLE_DICTIONARY", first, StringComparison.Ordinal);
        Assert.Contains("PLAIN", first, StringComparison.Ordinal);
        Assert.NotNull(Text(chunks[0], "dictionary_page_offset"));
    }

    [Fact]
    public void CompleteAsync_SchemaElements_CarryLogicalAndConvertedTypes()
    {
        var schema = Duck(RoundTripFixture.EveryTypeCase(ParquetCompression.Snappy, true)).ParquetSchema
            .ToDictionary(e => Text(e, "name")!, e => e);
        Assert.Equal("UTF8", Text(schema["s"], "converted_type"));
        Assert.Contains("StringType", Text(schema["s"], "logical_type"), StringComparison.Ordinal);
        Assert.Equal("JSON", Text(schema["j"], "converted_type"));
        Assert.Contains("JsonType", Text(schema["j"], "logical_type"), StringComparison.Ordinal);
        Assert.Equal("TIMESTAMP_MICROS", Text(schema["ts"], "converted_type"));
        Assert.Contains("isAdjustedToUTC=1", Text(schema["ts"], "logical_type"), StringComparison.Ordinal);
        Assert.Contains("MICROS", Text(schema["ts"], "logical_type"), StringComparison.Ordinal);
        Assert.Equal("OPTIONAL", Text(schema["s"], "repetition_type"));
        Assert.Equal("REQUIRED", Text(schema["rs"], "repetition_type"));
        Assert.Equal("DOUBLE", Text(schema["d"], "type"));
        Assert.Equal("BOOLEAN", Text(schema["b"], "type"));
        Assert.Equal("INT32", Text(schema["i32"], "type"));
    }

    [Fact]
    public void CompleteAsync_FileMetadata_HasCreatedByKeyValuesAndColumnOrders()
    {
        var duck = Duck(RoundTripFixture.EveryTypeCase(ParquetCompression.Gzip, false));
        var file = Assert.Single(duck.FileMetadata);
        Assert.StartsWith("LogIngest.Parquet version ", Text(file, "created_by"), StringComparison.Ordinal);
        Assert.Contains("TYPE_ORDER", Text(file, "column_orders"), StringComparison.Ordinal);
        Assert.Contains(("origin", "round-trip test"), duck.KeyValueMetadata);
        Assert.Contains(("unicode", "ключ 😀"), duck.KeyValueMetadata);
    }

    [Fact]
    public async Task CompleteAsync_UniqueStringColumn_PlainWithoutDictionaryBesideADictionaryColumn()
    {
        // A column declared unique (a row key) skips the dictionary it would only build to drop.
        var schema = new ParquetSchema(new ParquetColumn("key", ParquetColumnType.String, IsNullable: false, IsUnique: true), new ParquetColumn("kind", ParquetColumnType.String));
        using var folder = new TempFolder();
        var path = folder.File("unique.parquet");
        await using (var file = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, file);
            var batch = new ParquetBatch(schema);
            for (var i = 0; i < 1000; i++)
            {
                batch.Strings(0).Append($"key-{i:D6}");
                batch.Strings(1).Append(i % 2 == 0 ? "even" : "odd");
            }

            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        var chunks = DuckDbParquet.Query($"SELECT path_in_schema, encodings, (dictionary_page_offset IS NULL)::VARCHAR FROM parquet_metadata({DuckDbSql.Literal(path)}) ORDER BY column_id").Rows;
        Assert.Equal(["key", "PLAIN", "true"], chunks[0]);
        Assert.Equal("kind", chunks[1][0]);
        Assert.Contains("RLE_DICTIONARY", (string)chunks[1][1]!, StringComparison.Ordinal);
        Assert.Equal(1000L, DuckDbParquet.CountDistinct(path, "key").Distinct);
    }

    private static string MicrosOf(string timestamp)
    {
        // DuckDB prints TIMESTAMP statistics as text; turn it back into microseconds.
        var value = DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        return ParquetTimestampBuffer.ToUnixMicroseconds(value.UtcTicks).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
