using System.Collections.ObjectModel;

namespace LogIngest.Parquet;

/// <summary>A flat schema: an ordered list of uniquely named columns.</summary>
public sealed class ParquetSchema : IEquatable<ParquetSchema>
{
    private readonly Dictionary<string, int> _indexByName;

    public ParquetSchema(IEnumerable<ParquetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToList();
        if (list.Count == 0)
        {
            throw new ParquetException("A Parquet schema needs at least one column.");
        }

        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var column = list[i] ?? throw new ParquetException($"Column {i} of the schema is null; pass a ParquetColumn.");
            if (string.IsNullOrEmpty(column.Name))
            {
                throw new ParquetException($"Column {i} of the schema has an empty name; give it a name.", column.Name);
            }

            if (!Enum.IsDefined(column.Type))
            {
                throw new ParquetException($"Column '{column.Name}' has an unknown type {(int)column.Type}; use a ParquetColumnType value.", column.Name);
            }

            if (!_indexByName.TryAdd(column.Name, i))
            {
                throw new ParquetException($"Column '{column.Name}' appears twice in the schema; column names must be unique.", column.Name);
            }
        }

        Columns = new ReadOnlyCollection<ParquetColumn>(list);
    }

    public ParquetSchema(params ParquetColumn[] columns)
        : this((IEnumerable<ParquetColumn>)columns)
    {
    }

    public IReadOnlyList<ParquetColumn> Columns { get; }

    /// <summary>The position of the named column, or -1.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _indexByName.TryGetValue(name, out var index) ? index : -1;
    }

    public bool Equals(ParquetSchema? other) =>
        other is not null && (ReferenceEquals(this, other) || Columns.SequenceEqual(other.Columns));

    public override bool Equals(object? obj) => Equals(obj as ParquetSchema);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var column in Columns)
        {
            hash.Add(column);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type}{(c.IsNullable ? "?" : string.Empty)}"));
}
