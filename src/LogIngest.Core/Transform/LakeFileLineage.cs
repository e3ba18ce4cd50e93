using System.Security.Cryptography;
using System.Text;

namespace LogIngest.Core.Transform;

/// <summary>
/// Who wrote a lake file, as its Parquet footer says it in key-value metadata: the config, the run, the
/// table, the window's checkpoint key and the exact query text with its SHA-256. Only facts of the
/// (run, window) go in, never a time, so a retry or replay of the window writes the same bytes; when it
/// was written is the checkpoint's and the WINDOW audit row's to say.
/// </summary>
public sealed record LakeFileLineage(string ConfigId, string RunId, string Table, string WindowKey, string Query)
{
    public const string ConfigIdKey = "logingest.config_id";
    public const string RunIdKey = "logingest.run_id";
    public const string TableKey = "logingest.table";
    public const string WindowKeyKey = "logingest.window";
    public const string QueryKey = "logingest.query";
    public const string QueryHashKey = "logingest.query_sha256";

    /// <summary>Lower-case hex SHA-256 of the query's UTF-8 text.</summary>
    public string QueryHash => HashOf(Query);

    public static string HashOf(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    public void WriteTo(IDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata[TableKey] = Table;
        metadata[WindowKeyKey] = WindowKey;
        metadata[ConfigIdKey] = ConfigId;
        metadata[RunIdKey] = RunId;
        metadata[QueryKey] = Query;
        metadata[QueryHashKey] = QueryHash;
    }

    /// <summary>The lineage a footer carries; null when it lacks any of it (a file of an older version, or not ours).</summary>
    public static LakeFileLineage? ReadFrom(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string? Get(string key) => metadata.TryGetValue(key, out var value) ? value : null;
        return Get(ConfigIdKey) is { } config && Get(RunIdKey) is { } run && Get(TableKey) is { } table && Get(WindowKeyKey) is { } window && Get(QueryKey) is { } query
            ? new LakeFileLineage(config, run, table, window, query)
            : null;
    }
}
