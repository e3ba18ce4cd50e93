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
}
