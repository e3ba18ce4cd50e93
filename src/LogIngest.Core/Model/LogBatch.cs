namespace LogIngest.Core.Model;

/// <summary>
/// A run of rows from one query result, column by column. Every batch of one result has the same
/// columns in the same order. A batch is complete data only once the stream that yielded it has
/// ended without an exception (see <see cref="Ports.ILogSource.QueryAsync"/>).
/// </summary>
public sealed class LogBatch
{
    private readonly LogColumn[] _columns;

    public LogBatch(IReadOnlyList<LogColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Count;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (column.Count != RowCount)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Count} rows, the batch {RowCount}.", nameof(columns));
            }

            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }
    }

    public IReadOnlyList<LogColumn> Columns => _columns;

    public int RowCount { get; }

    /// <summary>The column named <paramref name="name"/> (ordinal, case-sensitive like Kusto), or null.</summary>
    public LogColumn? FindColumn(string name)
    {
        foreach (var column in _columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}
