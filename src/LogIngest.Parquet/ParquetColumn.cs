namespace LogIngest.Parquet;

/// <summary>One column of a flat schema.</summary>
/// <param name="Name">The column name as readers see it; unique within the schema.</param>
/// <param name="Type">The value type.</param>
/// <param name="IsNullable">Whether the column may hold nulls (OPTIONAL); otherwise REQUIRED.</param>
/// <param name="IsUnique">
/// For String and JSON columns: values are (nearly) all distinct, so the column is PLAIN encoded from
/// the start instead of building a dictionary that would only be dropped. Default false.
/// </param>
public sealed record ParquetColumn(string Name, ParquetColumnType Type, bool IsNullable = true, bool IsUnique = false);
