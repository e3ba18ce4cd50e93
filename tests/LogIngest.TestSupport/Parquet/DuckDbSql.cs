using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DuckDB.NET.Data;

namespace LogIngest.TestSupport.Parquet;

/// <summary>One statement's outcome: its duration inside DuckDB and its rows (values as JSON).</summary>
public sealed record DuckDbStatementResult(double Milliseconds, IReadOnlyList<JsonElement> Rows);

/// <summary>
/// Runs SQL in one fresh in-memory DuckDB, in process: writes reference Parquet files, reads lake
/// folders back, times COPY. Rows come back as JSON objects: 64-bit and wider integers, decimals
/// and times as strings (exact), other numbers as numbers (NaN and infinities as strings).
/// </summary>
public static class DuckDbSql
{
    // Non-ASCII text stays as it is in the JSON.
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task<IReadOnlyList<DuckDbStatementResult>> RunAsync(
        IEnumerable<string> statements, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var list = statements.ToList();
        return Task.Run<IReadOnlyList<DuckDbStatementResult>>(
            () =>
            {
                using var connection = DuckDb.Open();
                var results = new List<DuckDbStatementResult>();
                foreach (var sql in list)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    command.CommandTimeout = (int)(timeout ?? TimeSpan.FromMinutes(5)).TotalSeconds;
                    var clock = Stopwatch.StartNew();
                    using var reader = command.ExecuteReader();
                    var rows = new List<JsonElement>();
                    while (reader.Read())
                    {
                        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Json(reader.GetValue(i));
                        }

                        rows.Add(JsonSerializer.SerializeToElement(row, JsonText));
                    }

                    results.Add(new DuckDbStatementResult(clock.Elapsed.TotalMilliseconds, rows));
                }

                return results;
            },
            cancellationToken);
    }

    /// <summary>Quotes a path (or any text) as a SQL string literal.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static object Json(object value) => value switch
    {
        bool or string or int or short or sbyte or byte or ushort => value,
        double d when !double.IsFinite(d) => d.ToString(CultureInfo.InvariantCulture),
        float f when !float.IsFinite(f) => f.ToString(CultureInfo.InvariantCulture),
        double or float => value,
        long or ulong or uint or BigInteger or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}

/// <summary>Opens in-memory DuckDB databases (the native library ships in the DuckDB.NET package).</summary>
public static class DuckDb
{
    public static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }
}
