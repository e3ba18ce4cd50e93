using LogIngest.TestSupport.Parquet;

namespace LogIngest.Parquet.Tests;

public sealed class ParquetWriterRoundTripTests(RoundTripFixture files) : IClassFixture<RoundTripFixture>
{
    public static IEnumerable<object[]> Readers() => ParquetReaders.All.Select(r => new object[] { r });

    public static IEnumerable<object[]> CasesAndReaders() =>
        from c in RoundTripFixture.CodecAndDictionaryCases()
        from r in ParquetReaders.All
        select new object[] { c[0], c[1], r };

    [Theory]
    [MemberData(nameof(CasesAndReaders))]
    public void WriteAsync_EveryTypeWithEdgeValuesAndNulls_ReaderReturnsSameRows(ParquetCompression codec, bool dictionary, string reader)
    {
        var name = RoundTripFixture.EveryTypeCase(codec, dictionary);
        files.Table(name).AssertRows(files.Inspection(name, reader));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void CompleteAsync_ZeroRows_ReaderSeesSchemaAndNoRows(string reader)
    {
        var inspection = files.Inspection("zero-rows", reader);
        Assert.Null(inspection.Error);
        Assert.Equal(0, inspection.RowCount);
        Assert.Equal(EdgeCaseTables.EveryTypeSchema.Columns.Select(c => c.Name), inspection.Schema.Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void WriteAsync_OneRow_ReaderReturnsIt(string reader)
    {
        files.Table("one-row").AssertRows(files.Inspection("one-row", reader));
        files.Table("one-row-null").AssertRows(files.Inspection("one-row-null", reader));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void WriteAsync_DictionaryOverflowsMidColumn_ReaderReturnsSameRows(string reader)
    {
        files.Table("dictionary-fallback").AssertRows(files.Inspection("dictionary-fallback", reader));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void WriteAsync_RowGroupsFlushedByBytes_ReaderReturnsSameRows(string reader)
    {
        files.Table("row-groups-by-bytes").AssertRows(files.Inspection("row-groups-by-bytes", reader));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void WriteAsync_NullsAtPageAndRowGroupEdges_ReaderReturnsSameRows(string reader)
    {
        files.Table("nulls-at-edges").AssertRows(files.Inspection("nulls-at-edges", reader));
    }

    [Fact]
    public void WriteAsync_EveryCase_DuckDbInProcessReadsTheWrittenValues()
    {
        foreach (var name in files.Names)
        {
            files.Table(name).AssertRows(DuckDbParquet.Read(files.PathOf(name)), $"duckdb in process, {name}");
        }
    }

    [Fact]
    public void WriteAsync_EveryCase_ParquetNetAndDuckDbInProcessReadTheSameValues()
    {
        foreach (var name in files.Names)
        {
            var parquetNet = files.Inspection(name, ParquetReaders.ParquetNet);
            var duckDb = DuckDbParquet.Read(files.PathOf(name));
            Assert.Null(parquetNet.Error);
            Assert.Equal(parquetNet.RowCount, duckDb.Rows.Count);
            Assert.Equal(parquetNet.Schema.Select(s => s.Name), duckDb.Columns);
            for (var r = 0; r < duckDb.Rows.Count; r++)
            {
                for (var c = 0; c < duckDb.Columns.Count; c++)
                {
                    TestTable.AssertCell(TestTable.FromDuckDb(duckDb.Rows[r][c]), parquetNet.Rows[r][c], $"{name}: row {r}, column '{duckDb.Columns[c]}'");
                }
            }
        }
    }

    [Fact]
    public void WriteAsync_Schema_ReadersSeeDeclaredTypes()
    {
        var duck = files.Inspection(RoundTripFixture.EveryTypeCase(ParquetCompression.Snappy, true), ParquetReaders.DuckDb);
        var types = duck.Schema.ToDictionary(s => s.Name, s => s.Type);
        Assert.Equal("VARCHAR", types["s"]);
        // DuckDB reads JSON as VARCHAR unless its json extension is loaded; the annotation is checked in the metadata tests.
        Assert.Equal("VARCHAR", types["j"]);
        Assert.Equal("INTEGER", types["i32"]);
        Assert.Equal("BIGINT", types["i64"]);
        Assert.Equal("DOUBLE", types["d"]);
        Assert.Equal("BOOLEAN", types["b"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["ts"]);

        var wasm = files.Inspection(RoundTripFixture.EveryTypeCase(ParquetCompression.Snappy, true), ParquetReaders.ParquetWasm);
        Assert.Equal("Timestamp<MICROSECOND, UTC>", wasm.Schema.Single(s => s.Name == "ts").Type);
    }

    [Fact]
    public async Task WriteAsync_Decimal38x18EdgeValues_EveryReaderReadsThemExactly()
    {
        // The widest values at both ends, the smallest step, and nulls across row-group edges.
        string?[] values = ["0", "1.5", "-1.5", "99999999999999999999.999999999999999999", "-99999999999999999999.999999999999999999", "0.000000000000000001", null, "1234567.25", "-0.1", null];
        using var folder = new TempFolder();
        var (path, inspections) = await WriteAndInspectAsync(folder, new ParquetColumn("amount", ParquetColumnType.Decimal), values.Length, 4, (column, i) =>
        {
            if (values[i] is { } text)
            {
                Assert.True(ParquetDecimal.TryParse(text, out var unscaled));
                Assert.Equal(text, ParquetDecimal.Format(unscaled));
                ((ParquetValueBuffer<Int128>)column).Append(unscaled);
            }
            else
            {
                column.AppendNull();
            }
        });

        foreach (var inspection in inspections)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var actual = inspection.Rows[i][1];
                var where = $"{inspection.Reader}, row {i}";
                if (values[i] is not { } text)
                {
                    Assert.True(actual.ValueKind == System.Text.Json.JsonValueKind.Null, where);
                    continue;
                }

                Assert.True(ParquetDecimal.TryParse(text, out var unscaled));
                switch (inspection.Reader)
                {
                    case ParquetReaders.DuckDb:
                        Assert.Equal(unscaled, Unscaled(actual.GetString()!, where));
                        break;
                    case ParquetReaders.ParquetWasm: // Arrow: the unscaled integer
                        Assert.Equal(unscaled.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.GetString());
                        break;
                    case ParquetReaders.Hyparquet: // a double: as near as a double gets
                        Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), actual.GetDouble(), 1e-12);
                        break;
                    default: // Parquet.Net: a .NET decimal, exact where one holds the value (28 digits)
                        if (Math.Abs(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)) < 1e9)
                        {
                            Assert.Equal(unscaled, Unscaled(actual.GetRawText(), where));
                        }

                        break;
                }
            }
        }

        var duck = DuckDbParquet.Query($"SELECT any_value(typeof(amount)), sum(amount)::VARCHAR FROM {DuckDbParquet.Source(path)}").Rows[0];
        Assert.Equal("DECIMAL(38,18)", duck[0]);
        Assert.Equal("1234567.150000000000000001", duck[1]);
    }

    [Fact]
    public async Task WriteAsync_UuidColumn_EveryReaderReadsTheSameGuids()
    {
        // Bytes that differ between RFC 4122 order and .NET's mixed-endian layout, extremes, and nulls
        // across row-group edges.
        Guid?[] values =
        [
            Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), null, Guid.Empty, Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"),
            Guid.Parse("7f000000-0000-4000-8000-000000000001"), null, Guid.Parse("80000000-0000-4000-8000-000000000000"),
        ];
        using var folder = new TempFolder();
        var (path, inspections) = await WriteAndInspectAsync(folder, new ParquetColumn("item", ParquetColumnType.Uuid), values.Length, 3, (column, i) => ((ParquetValueBuffer<Guid>)column).Append(values[i]));

        foreach (var inspection in inspections)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var actual = inspection.Rows[i][1];
                var where = $"{inspection.Reader}, row {i}: {actual.GetRawText()}";
                if (values[i] is not { } expected)
                {
                    Assert.True(actual.ValueKind == System.Text.Json.JsonValueKind.Null, where);
                    continue;
                }

                Assert.True(expected == InspectedValues.Uuid(actual.GetString()!), where);
            }
        }

        // The footer's bounds are in unsigned byte order, as readers prune by them.
        var duck = DuckDbParquet.Query($"SELECT min(item)::VARCHAR, max(item)::VARCHAR, count(*)::VARCHAR FROM {DuckDbParquet.Source(path)} WHERE item > '7fffffff-ffff-ffff-ffff-ffffffffffff'").Rows[0];
        Assert.Equal(["80000000-0000-4000-8000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "2"], duck);
    }

    // Writes rows 0..rows-1 of (id, value) in row groups of rowGroupMaxRows, value by append; every reader
    // reads the file without error and sees every row.
    private static async Task<(string Path, IReadOnlyList<ParquetInspection> Inspections)> WriteAndInspectAsync(
        TempFolder folder, ParquetColumn value, int rows, int rowGroupMaxRows, Action<ParquetColumnBuffer, int> append)
    {
        var schema = new ParquetSchema(new ParquetColumn("id", ParquetColumnType.Int32, IsNullable: false), value);
        var path = folder.File(value.Name + ".parquet");
        await using (var file = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, file, new ParquetWriterOptions { RowGroupMaxRows = rowGroupMaxRows });
            var batch = new ParquetBatch(schema);
            for (var i = 0; i < rows; i++)
            {
                batch.Int32s(0).Append(i);
                append(batch.Columns[1], i);
            }

            await writer.WriteAsync(batch);
            await writer.CompleteAsync();
        }

        var inspections = await ParquetInspector.ReadAsync([new ParquetReadRequest(path)]);
        foreach (var inspection in inspections)
        {
            Assert.Null(inspection.Error);
            Assert.Equal(rows, inspection.Rows.Count);
        }

        return (path, inspections);
    }

    private static Int128 Unscaled(string text, string where)
    {
        Assert.True(ParquetDecimal.TryParse(text, out var unscaled), $"{where}: '{text}' is not a decimal");
        return unscaled;
    }
}
