using LogIngest.Core.Model;
using LogIngest.Core.Transform;
using LogIngest.Parquet;

namespace LogIngest.Core.Tests.Transform;

public class WindowSchemaTests
{
    [Fact]
    public void Build_EveryLogType_MapsToItsParquetType()
    {
        (string, LogColumnType)[] source =
        [
            ("S", LogColumnType.String), ("I", LogColumnType.Int), ("L", LogColumnType.Long), ("R", LogColumnType.Real),
            ("B", LogColumnType.Bool), ("D", LogColumnType.DateTime), ("G", LogColumnType.Guid), ("T", LogColumnType.TimeSpan),
            ("M", LogColumnType.Decimal), ("Y", LogColumnType.Dynamic),
        ];
        var schema = WindowSchema.Build(source, []);
        Assert.Equal(
            [
                ParquetColumnType.String, ParquetColumnType.Int32, ParquetColumnType.Int64, ParquetColumnType.Double,
                ParquetColumnType.Boolean, ParquetColumnType.Timestamp, ParquetColumnType.Uuid, ParquetColumnType.Int64,
                ParquetColumnType.Decimal, ParquetColumnType.Json, ParquetColumnType.Int64,
            ],
            schema.Parquet.Columns.Select(c => c.Type));
        Assert.Equal(WindowSchema.CompositeKeyColumn, schema.Parquet.Columns[^1].Name);
        Assert.False(schema.Parquet.Columns[^1].IsNullable);
    }

    [Fact]
    public void Build_FlattenedKeys_SortedOrdinalAfterSourceColumns()
    {
        var schema = WindowSchema.Build([("Props", LogColumnType.Dynamic)], [(0, ["b", "B", "a", "b"])]);
        Assert.Equal(["Props", "Props_B", "Props_a", "Props_b_2", "composite_key"], schema.Parquet.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Build_FlattenedNameCollidesWithColumn_DeterministicSuffix()
    {
        // Props_Path exists as a column; "composite" + "_key" would clash with the key column.
        (string, LogColumnType)[] source = [("Props", LogColumnType.Dynamic), ("props_path", LogColumnType.String), ("composite", LogColumnType.Dynamic)];
        var schema = WindowSchema.Build(source, [(0, ["Path", "Path_2"]), (2, ["key"])]);
        Assert.Equal(
            ["Props", "props_path", "composite", "Props_Path_2", "Props_Path_2_2", "composite_key_2", "composite_key"],
            schema.Parquet.Columns.Select(c => c.Name));
        Assert.Equal("Path", schema.Flattened[0].Key);
        Assert.Equal("Props_Path_2", schema.Flattened[0].Name);
    }
}
