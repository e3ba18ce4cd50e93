namespace LogIngest.TestSupport.Parquet;

/// <summary>Rows DuckDB read, with its column names and values as DuckDB.NET types (long, int, double, bool, string, DateTime, ...).</summary>
public sealed record DuckDbRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    public int IndexOf(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        return index >= 0 ? index : throw new KeyNotFoundException($"DuckDB read no column '{column}'; it read {string.Join(", ", Columns)}.");
    }
}

/// <summary>
/// DuckDB in process as an independent Parquet reader: a file, or a glob over a lake folder (with its
/// <c>year=/month=/day=</c> folders as columns), into typed rows or counts.
/// </summary>
public static class DuckDbParquet
{
    /// <summary>The rows of <paramref name="pathOrGlob"/>, in file order: <c>SELECT {select} FROM read_parquet(...)</c>.</summary>
    public static DuckDbRows Read(string pathOrGlob, string select = "*", bool hivePartitioning = false) =>
        Query($"SELECT {select} FROM {Source(pathOrGlob, hivePartitioning)}");

    /// <summary>How many rows the files hold.</summary>
    public static long Count(string pathOrGlob) =>
        Convert.ToInt64(Query($"SELECT count(*) FROM {Source(pathOrGlob)}").Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Rows and distinct values of one column over the files (e.g. composite keys of a lake folder).</summary>
    public static (long Rows, long Distinct) CountDistinct(string pathOrGlob, string column)
    {
        var row = Query($"SELECT count(*), count(DISTINCT \"{column.Replace("\"", "\"\"", StringComparison.Ordinal)}\") FROM {Source(pathOrGlob)}").Rows[0];
        return (Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Rows and distinct row identities — (<c>TimeGenerated</c>, <c>composite_key</c>) pairs — over lake files.</summary>
    public static (long Rows, long Distinct) CountRowIdentities(string pathOrGlob)
    {
        var row = Query($"SELECT count(*), count(DISTINCT (\"TimeGenerated\", composite_key)) FROM {Source(pathOrGlob)}").Rows[0];
        return (Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Any query, in a fresh in-memory database.</summary>
    public static DuckDbRows Query(string sql)
    {
        using var connection = DuckDb.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new DuckDbRows(columns, rows);
    }

    /// <summary>The <c>read_parquet(...)</c> table expression of a file or glob.</summary>
    public static string Source(string pathOrGlob, bool hivePartitioning = false) =>
        $"read_parquet({DuckDbSql.Literal(pathOrGlob)}{(hivePartitioning ? ", hive_partitioning = true, union_by_name = true" : string.Empty)})";
}
