namespace LogIngest.Parquet.Reading;

/// <summary>A leaf column of a file: the writer's column type it maps to and how its values are stored.</summary>
/// <param name="Index">Position in the schema (and in every row group's column list).</param>
/// <param name="Column">The column as the writer's types describe it.</param>
/// <param name="PhysicalType">The Parquet physical type (ParquetFormat.Int64, ...).</param>
/// <param name="Unit">For timestamps, the unit of the stored integers.</param>
internal sealed record ColumnDescriptor(int Index, ParquetColumn Column, int PhysicalType, TimestampUnit Unit)
{
    public string Name => Column.Name;
}
