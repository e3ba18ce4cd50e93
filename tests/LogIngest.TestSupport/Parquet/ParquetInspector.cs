using System.Text.Json;

namespace LogIngest.TestSupport.Parquet;

/// <summary>The independent Parquet readers the inspector can use.</summary>
public static class ParquetReaders
{
    public const string DuckDb = "duckdb";
    public const string Hyparquet = "hyparquet";
    public const string ParquetWasm = "wasm";

    /// <summary>Parquet.Net, in process (the reader lake verification uses).</summary>
    public const string ParquetNet = "parquetnet";

    public static IReadOnlyList<string> All { get; } = [DuckDb, Hyparquet, ParquetWasm, ParquetNet];

    /// <summary>The readers that run in Node.</summary>
    internal static IReadOnlyList<string> InNode { get; } = [DuckDb, Hyparquet, ParquetWasm];
}

/// <summary>What to read from one file.</summary>
/// <param name="Path">The Parquet file.</param>
/// <param name="Readers">Readers to use; null means all of <see cref="ParquetReaders.All"/>.</param>
/// <param name="Aggregate">False: return every row. True: return per-column aggregates instead (for big files; see parquet-read.mjs).</param>
/// <param name="Metadata">Also return DuckDB's parquet_metadata(), parquet_schema(), key-value and file metadata, and hyparquet's decoded footer.</param>
/// <param name="Sample">Row indices to return even in digest mode.</param>
public sealed record ParquetReadRequest(
    string Path,
    IReadOnlyList<string>? Readers = null,
    bool Aggregate = false,
    bool Metadata = false,
    IReadOnlyList<long>? Sample = null);

/// <summary>One reader's view of one file, values normalised (see parquet-read.mjs).</summary>
public sealed record ParquetInspection(
    string Path,
    string Reader,
    string? Error,
    long RowCount,
    IReadOnlyList<(string Name, string Type)> Schema,
    IReadOnlyList<JsonElement[]> Rows,
    IReadOnlyDictionary<string, (long NonNull, string Sum)> Aggregate,
    IReadOnlyDictionary<long, JsonElement[]> Sample,
    IReadOnlyList<JsonElement> Metadata,
    IReadOnlyList<JsonElement> ParquetSchema,
    IReadOnlyList<(string Key, string Value)> KeyValueMetadata,
    IReadOnlyList<JsonElement> FileMetadata,
    JsonElement? Footer)
{
    /// <summary>
    /// The Statistics struct of one column chunk as hyparquet decoded it from the footer (min_value,
    /// max_value, null_count, nan_count, ... normalised like row values).
    /// </summary>
    public JsonElement FooterStatistics(string column, int rowGroup)
    {
        var footer = Footer ?? throw new InvalidOperationException("No footer: read with hyparquet and Metadata = true.");
        foreach (var chunk in footer.GetProperty("row_groups")[rowGroup].GetProperty("columns").EnumerateArray())
        {
            var meta = chunk.GetProperty("meta_data");
            if (meta.GetProperty("path_in_schema")[0].GetString() == column)
            {
                return meta.GetProperty("statistics");
            }
        }

        throw new KeyNotFoundException($"No column '{column}' in row group {rowGroup}.");
    }

    /// <summary>Rows as compact JSON text, one string per row, for comparing readers.</summary>
    public IReadOnlyList<string> RowsAsJson => Rows.Select(r => "[" + string.Join(",", r.Select(v => v.GetRawText())) + "]").ToList();

    /// <summary>Metadata rows of one column (DuckDB's parquet_metadata()), in row-group order.</summary>
    public IReadOnlyList<JsonElement> ColumnMetadata(string column) =>
        Metadata.Where(m => m.GetProperty("path_in_schema").GetString() == column).ToList();
}

/// <summary>
/// Reads Parquet files with DuckDB, hyparquet and parquet-wasm (through Node) and Parquet.Net (in
/// process) and returns what each saw, file by file in the order of the requests and their readers.
/// Many files go through one Node process.
/// </summary>
public static class ParquetInspector
{
    public static async Task<IReadOnlyList<ParquetInspection>> ReadAsync(
        IEnumerable<ParquetReadRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var list = requests.ToList();
        var files = list
            .Select(r => (Request: r, Readers: (r.Readers ?? ParquetReaders.All).Where(ParquetReaders.InNode.Contains).ToList()))
            .Where(f => f.Readers.Count > 0)
            .Select(f => new Dictionary<string, object?>
            {
                ["path"] = f.Request.Path,
                ["readers"] = f.Readers,
                ["mode"] = f.Request.Aggregate ? "aggregate" : "rows",
                ["metadata"] = f.Request.Metadata,
                ["sample"] = f.Request.Sample,
            }).ToList();
        var fromNode = new List<ParquetInspection>();
        if (files.Count > 0)
        {
            using var reply = await NodeScript.RunAsync("parquet-read.mjs", new { files }, TimeSpan.FromMinutes(5), cancellationToken);
            fromNode.AddRange(reply.RootElement.GetProperty("results").EnumerateArray().Select(Parse));
        }

        var results = new List<ParquetInspection>();
        foreach (var request in list)
        {
            foreach (var reader in request.Readers ?? ParquetReaders.All)
            {
                results.Add(reader == ParquetReaders.ParquetNet
                    ? await ParquetNetInspection.ReadAsync(request, cancellationToken)
                    : fromNode.First(i => i.Path == request.Path && i.Reader == reader));
            }
        }

        return results;
    }

    /// <summary>Reads one file with every reader (rows and metadata).</summary>
    public static Task<IReadOnlyList<ParquetInspection>> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync([new ParquetReadRequest(path, Metadata: true)], cancellationToken);

    private static ParquetInspection Parse(JsonElement result)
    {
        var error = result.TryGetProperty("error", out var e) ? e.GetString() : null;
        var schema = Array(result, "schema").Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("type").GetString()!)).ToList();
        var rows = Array(result, "rows").Select(r => r.EnumerateArray().Select(v => v.Clone()).ToArray()).ToList();
        var aggregate = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        if (result.TryGetProperty("aggregate", out var d))
        {
            foreach (var column in d.EnumerateObject())
            {
                var sum = column.Value.GetProperty("sum");
                aggregate[column.Name] = (column.Value.GetProperty("nonNull").GetInt64(), sum.ValueKind == JsonValueKind.String ? sum.GetString()! : sum.GetRawText());
            }
        }

        var sample = new Dictionary<long, JsonElement[]>();
        if (result.TryGetProperty("sample", out var s2))
        {
            foreach (var row in s2.EnumerateObject())
            {
                sample[long.Parse(row.Name, System.Globalization.CultureInfo.InvariantCulture)] = row.Value.EnumerateArray().Select(v => v.Clone()).ToArray();
            }
        }

        var kv = Array(result, "keyValueMetadata").Select(k => (k.GetProperty("key").GetString()!, k.GetProperty("value").GetString()!)).ToList();
        return new ParquetInspection(
            result.GetProperty("path").GetString()!,
            result.GetProperty("reader").GetString()!,
            error,
            result.TryGetProperty("rowCount", out var rc) ? rc.GetInt64() : -1,
            schema,
            rows,
            aggregate,
            sample,
            Array(result, "metadata").Select(m => m.Clone()).ToList(),
            Array(result, "parquetSchema").Select(m => m.Clone()).ToList(),
            kv,
            Array(result, "fileMetadata").Select(m => m.Clone()).ToList(),
            result.TryGetProperty("footer", out var footer) ? footer.Clone() : null);
    }

    private static List<JsonElement> Array(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [];
}
