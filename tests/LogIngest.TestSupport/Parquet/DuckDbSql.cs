using System.Text.Json;

namespace LogIngest.TestSupport.Parquet;

/// <summary>One statement's outcome: its duration inside DuckDB and its rows (values as JSON).</summary>
public sealed record DuckDbStatementResult(double Milliseconds, IReadOnlyList<JsonElement> Rows);

/// <summary>Runs SQL in one in-memory DuckDB (through Node): writes reference Parquet files, times COPY.</summary>
public static class DuckDbSql
{
    public static async Task<IReadOnlyList<DuckDbStatementResult>> RunAsync(
        IEnumerable<string> statements, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var reply = await NodeScript.RunAsync(
            "parquet-duckdb-sql.mjs", new { statements = statements.ToList() }, timeout ?? TimeSpan.FromMinutes(5), cancellationToken);
        return reply.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => new DuckDbStatementResult(
                r.GetProperty("ms").GetDouble(),
                r.GetProperty("rows").EnumerateArray().Select(x => x.Clone()).ToList()))
            .ToList();
    }

    /// <summary>Quotes a path (or any text) as a SQL string literal.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
