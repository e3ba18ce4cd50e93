namespace LogIngest.Parquet;

/// <summary>
/// The one exception type of the Parquet writer: misuse (wrong schema, wrong column type or length,
/// a null in a required column, writing after completion) and invalid options. The message names
/// the column and the fix.
/// </summary>
public sealed class ParquetException : Exception
{
    public ParquetException()
    {
    }

    public ParquetException(string message)
        : base(message)
    {
    }

    public ParquetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParquetException(string message, string? columnName, Exception? innerException = null)
        : base(message, innerException)
    {
        ColumnName = columnName;
    }

    /// <summary>The column the error is about, when it is about one.</summary>
    public string? ColumnName { get; }
}
