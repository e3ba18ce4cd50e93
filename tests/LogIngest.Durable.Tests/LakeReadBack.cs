using LogIngest.TestSupport.Parquet;

namespace LogIngest.Durable.Tests;

/// <summary>The lake as an independent reader (DuckDB) sees it: rows, distinct composite keys, files.</summary>
public sealed record LakeReadBack(long Rows, long DistinctKeys, long Files)
{
    public static async Task<LakeReadBack> ReadAsync(string folder)
    {
        var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
        if (files.Length == 0)
        {
            return new LakeReadBack(0, 0, 0);
        }

        var glob = DuckDbSql.Literal(Path.Combine(folder, "**", "*.parquet"));
        var result = await DuckDbSql.RunAsync([$"SELECT count(*) AS n, count(DISTINCT composite_key) AS k FROM read_parquet({glob})"]);
        var row = result[0].Rows[0];
        return new LakeReadBack(Count(row.GetProperty("n")), Count(row.GetProperty("k")), files.Length);
    }

    // DuckDB's BIGINT arrives as a JSON string (it may exceed what a JSON number holds exactly).
    private static long Count(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String
            ? long.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : value.GetInt64();
}
