using System.Diagnostics;
using DuckDB.NET.Data;

namespace LogIngest.Benchmarks;

/// <summary>DuckDB in process as a benchmark's peer: one in-memory database, statements timed by wall clock and process CPU.</summary>
internal sealed class DuckDbPeer : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbPeer() => _connection.Open();

    /// <summary>Runs <paramref name="sql"/>; answers its first value (or null) with its wall and CPU seconds (DuckDB's threads are this process's).</summary>
    public (object? Value, double Wall, double Cpu) Time(string sql)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (value is DBNull ? null : value, wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>
    /// The peer of a load: converts an NDJSON file to one snappy Parquet file, timed, and checks it holds
    /// <paramref name="rows"/> rows; answers the wall and CPU seconds and the file's size.
    /// </summary>
    public static (double Seconds, double CpuSeconds, long Bytes) NdJsonToParquet(string input, string output, long rows)
    {
        using var duck = new DuckDbPeer();
        var (_, seconds, cpu) = duck.Time($"COPY (SELECT * FROM read_json({Literal(input)}, format = 'newline_delimited')) TO {Literal(output)} (FORMAT parquet, COMPRESSION snappy)");
        var (count, _, _) = duck.Time($"SELECT count(*) FROM read_parquet({Literal(output)})");
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) == rows
            ? (seconds, cpu, new FileInfo(output).Length)
            : throw new InvalidOperationException($"DuckDB wrote {count} rows, ours {rows}.");
    }

    /// <summary>
    /// Compressed bytes per column over the Parquet files <paramref name="glob"/> matches (DuckDB's
    /// <c>parquet_metadata</c>), with each column's encodings, largest first.
    /// </summary>
    public static IReadOnlyList<(string Column, long Bytes, string Encodings)> ColumnSizes(string glob)
    {
        using var duck = new DuckDbPeer();
        using var command = duck._connection.CreateCommand();
        command.CommandText = $"SELECT path_in_schema, sum(total_compressed_size)::BIGINT, string_agg(DISTINCT encodings, ' | ') FROM parquet_metadata({Literal(glob)}) GROUP BY 1 ORDER BY 2 DESC";
        using var reader = command.ExecuteReader();
        var sizes = new List<(string, long, string)>();
        while (reader.Read())
        {
            sizes.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return sizes;
    }

    /// <summary>A path as a DuckDB string literal.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    public void Dispose() => _connection.Dispose();
}
