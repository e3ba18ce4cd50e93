using LogIngest.Core.Model;
using LogIngest.Parquet;

namespace LogIngest.Core.Transform;

/// <summary>
/// The columns of a window's files: every source column (mapped by <see cref="ParquetTypeMap"/>), then the
/// flattened <c>Col_key</c> string columns (in the order of the config's recorded flatten schema; without
/// one, per flattened column in config order, keys in ordinal order), then <c>composite_key</c>. A flattened name that equals a name already taken (compared ignoring case,
/// since DuckDB and Spark resolve names that way) gets the first free suffix <c>_2</c>, <c>_3</c>, ...,
/// so the same keys always give the same names.
/// </summary>
public sealed class WindowSchema
{
    public const string CompositeKeyColumn = "composite_key";

    private WindowSchema(ParquetSchema parquet, IReadOnlyList<FlattenedColumn> flattened, int sourceCount)
    {
        Parquet = parquet;
        Flattened = flattened;
        SourceColumnCount = sourceCount;
    }

    public ParquetSchema Parquet { get; }

    /// <summary>The flattened columns, in schema order (they follow the source columns).</summary>
    public IReadOnlyList<FlattenedColumn> Flattened { get; }

    public int SourceColumnCount { get; }

    public int CompositeKeyIndex => Parquet.Columns.Count - 1;

    /// <param name="source">The result's columns, in order.</param>
    /// <param name="flattenKeys">Per flattened source column (by index into <paramref name="source"/>, in config order), the keys seen.</param>
    public static WindowSchema Build(IReadOnlyList<(string Name, LogColumnType Type)> source, IReadOnlyList<(int Column, IEnumerable<string> Keys)> flattenKeys)
    {
        ArgumentNullException.ThrowIfNull(flattenKeys);
        return BuildInOrder(source, [.. flattenKeys.SelectMany(f => f.Keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(k => (f.Column, k)))]);
    }

    /// <param name="source">The result's columns, in order.</param>
    /// <param name="flattenKeys">The <c>Col_key</c> columns in the order they take in the file (a config's recorded <see cref="State.FlattenSchema"/>).</param>
    public static WindowSchema BuildInOrder(IReadOnlyList<(string Name, LogColumnType Type)> source, IReadOnlyList<(int Column, string Key)> flattenKeys)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(flattenKeys);
        var columns = new List<ParquetColumn>(source.Count + 1);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { CompositeKeyColumn };
        foreach (var (name, type) in source)
        {
            columns.Add(new ParquetColumn(name, ParquetTypeMap.For(type)));
            taken.Add(name);
        }

        var flattened = new List<FlattenedColumn>();
        foreach (var (column, key) in flattenKeys)
        {
            var name = Unique(source[column].Name + "_" + key, taken);
            flattened.Add(new FlattenedColumn(column, key, name, columns.Count));
            columns.Add(new ParquetColumn(name, ParquetColumnType.String));
        }

        columns.Add(new ParquetColumn(CompositeKeyColumn, ParquetColumnType.Int64, IsNullable: false));
        return new WindowSchema(new ParquetSchema(columns), flattened, source.Count);
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var suffix = 2; !taken.Add(candidate); suffix++)
        {
            candidate = name + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}

/// <summary>One <c>Col_key</c> column: the source column it comes from, the key, its name and its position in the file.</summary>
public sealed record FlattenedColumn(int SourceColumn, string Key, string Name, int OutputIndex);
