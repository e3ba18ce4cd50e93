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
    /// <paramref name="rows"/> rows; answers the seconds and the file's size.
    /// </summary>
    public static (double Seconds, long Bytes) NdJsonToParquet(string input, string output, long rows)
    {
        using var duck = new DuckDbPeer();
        var (_, seconds, _) = duck.Time($"COPY (SELECT * FROM read_json({Literal(input)}, format = 'newline_delimited')) TO {Literal(output)} (FORMAT parquet, COMPRESSION snappy)");
        var (count, _, _) = duck.Time($"SELECT count(*) FROM read_parquet({Literal(output)})");
        return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) == rows
            ? (seconds, new FileInfo(output).Length)
            : throw new InvalidOperationException($"DuckDB wrote {count} rows, ours {rows}.");
    }

    /// <summary>A path as a DuckDB string literal.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    public void Dispose() => _connection.Dispose();
}
