using LogIngest.TestSupport.Parquet;

namespace LogIngest.Durable.Tests;

/// <summary>The lake as an independent reader (DuckDB, in process) sees it: rows, distinct row identities (TimeGenerated, composite_key), files.</summary>
public sealed record LakeReadBack(long Rows, long DistinctKeys, long Files)
{
    public static Task<LakeReadBack> ReadAsync(string folder)
    {
        var files = Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories);
        if (files.Length == 0)
        {
            return Task.FromResult(new LakeReadBack(0, 0, 0));
        }

        var (rows, distinct) = DuckDbParquet.CountRowIdentities(Path.Combine(folder, "**", "*.parquet"));
        return Task.FromResult(new LakeReadBack(rows, distinct, files.Length));
    }
}
