using LogIngest.TestSupport.Parquet;

namespace LogIngest.Parquet.Tests;

/// <summary>The inspection helper itself: a reference file written by DuckDB reads the same in every reader.</summary>
public sealed class ParquetInspectorTests
{
    [Fact]
    public async Task ReadAsync_ReferenceFileWrittenByDuckDb_AllReadersReturnSameRows()
    {
        using var folder = new TempFolder();
        var path = folder.File("reference.parquet");
        await DuckDbSql.RunAsync(
        [
            "COPY (SELECT i::INTEGER AS n, (i * 1000000000000)::BIGINT AS big, i / 4 AS ratio, i % 2 = 0 AS even, " +
            "TIMESTAMPTZ '2024-02-29 12:00:00+00' + to_microseconds(i) AS at, " +
            "CASE WHEN i = 2 THEN NULL ELSE 'text ' || i || ' ✓' END AS label " +
            "FROM range(4) t(i)) TO " + DuckDbSql.Literal(path) + " (FORMAT parquet, COMPRESSION snappy)",
        ]);

        var inspections = await ParquetInspector.ReadAsync(path);

        Assert.Equal(ParquetReaders.All, inspections.Select(i => i.Reader));
        foreach (var inspection in inspections)
        {
            Assert.Null(inspection.Error);
            Assert.Equal(4, inspection.RowCount);
            Assert.Equal(["n", "big", "ratio", "even", "at", "label"], inspection.Schema.Select(s => s.Name));
        }

        var duck = inspections[0];
        TestTable.AssertCell(3, duck.Rows[3][0], "n");
        TestTable.AssertCell(3_000_000_000_000L, duck.Rows[3][1], "big");
        TestTable.AssertCell(0.75, duck.Rows[3][2], "ratio");
        TestTable.AssertCell(false, duck.Rows[3][3], "even");
        TestTable.AssertCell(new Micros(1_709_208_000_000_003), duck.Rows[3][4], "at");
        TestTable.AssertCell(null, duck.Rows[2][5], "label");
        TestTable.AssertCell("text 3 ✓", duck.Rows[3][5], "label");
        Assert.Equal(duck.RowsAsJson, inspections[1].RowsAsJson);
        Assert.Equal(duck.RowsAsJson, inspections[2].RowsAsJson);
        Assert.Equal(duck.RowsAsJson, inspections[3].RowsAsJson);
        Assert.Contains(duck.Metadata, m => m.GetProperty("compression").GetString() == "SNAPPY");
    }
}
