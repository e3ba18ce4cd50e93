using System.Text.Json;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Parquet.Tests.Reading;

/// <summary>
/// Parquet files written by DuckDB with the features the project's writer uses (PLAIN and
/// dictionary pages, nulls, each codec, several row groups), plus files with features the reader
/// refuses, and what DuckDB itself reads back from each. One Node run makes them all.
/// </summary>
public sealed class DuckDbReferenceFiles : IAsyncLifetime, IDisposable
{
    public const int Rows = 10_000;

    /// <summary>The reference table: every supported type, nulls, low-cardinality columns (dictionary) and unique ones (PLAIN).</summary>
    private const string CreateTable = """
        CREATE TABLE t AS SELECT
          i::BIGINT AS id,
          CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919 - 40000000)::INTEGER END AS i32,
          (i % 5)::INTEGER AS i32_low,
          CASE WHEN i % 13 = 0 THEN NULL ELSE i * 1000003 - 5000000000 END::BIGINT AS i64,
          CASE i % 9 WHEN 0 THEN NULL WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE WHEN 3 THEN 'inf'::DOUBLE
                     WHEN 4 THEN -0.0 ELSE i / 7.0 END::DOUBLE AS d,
          ((i % 4) * 0.5)::DOUBLE AS d_low,
          CASE WHEN i % 6 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
          CASE WHEN i % 5 = 0 THEN NULL ELSE ['', 'a', 'héllo', '日本語', 'emoji 😀', 'quote "'][i % 6 + 1] END AS s,
          'unique-' || i || CASE WHEN i % 7 = 0 THEN ' 😀' ELSE '' END AS su,
          CASE WHEN i % 4 = 0 THEN NULL ELSE ('{"a":' || i || ',"b":[true,null]}')::JSON END AS j,
          TIMESTAMP '1969-12-31 23:59:59' + to_microseconds(i * 1001) AS ts,
          CASE WHEN i % 3 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_microseconds(i * 3600000001) END AS tstz,
          (TIMESTAMP '2024-02-29 12:00:00' + to_microseconds(i * 1234567))::TIMESTAMP_MS AS tsms,
          make_timestamp_ns(1704067200000000000 + i * 123457) AS tsns,
          NULL::VARCHAR AS n
        FROM range(10000) r(i)
        """;

    private const string CanonicalColumns =
        "id::VARCHAR AS id, i32, i32_low, i64::VARCHAR AS i64, d, d_low, b, s, su, j::VARCHAR AS j, epoch_us(ts)::VARCHAR AS ts, " +
        "epoch_us(tstz)::VARCHAR AS tstz, epoch_ms(tsms)::VARCHAR AS tsms, epoch_ns(tsns)::VARCHAR AS tsns, n";

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, IReadOnlyList<JsonElement>> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<JsonElement>> _metadata = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Codecs { get; } = ["snappy", "gzip", "uncompressed"];

    /// <summary>Files the reader must refuse, by what they hold.</summary>
    public static IReadOnlyList<string> Unsupported { get; } = ["zstd", "float", "date", "decimal", "list", "struct", "blob", "smallint", "v2"];

    public string PathOf(string name) => _folder.File(name + ".parquet");

    /// <summary>What DuckDB reads from a file (rows in canonical form, see <see cref="CanonicalColumns"/>).</summary>
    public IReadOnlyList<JsonElement> DuckDbRows(string name) => _rows[name];

    /// <summary>DuckDB's parquet_metadata() rows of a file.</summary>
    public IReadOnlyList<JsonElement> DuckDbMetadata(string name) => _metadata[name];

    public async Task InitializeAsync()
    {
        // The writer's own dictionary-fallback file, to show its encodings to the tests.
        var fallback = new TestTable(
            new ParquetSchema(new ParquetColumn("id", ParquetColumnType.Int64), new ParquetColumn("name", ParquetColumnType.String)),
            ParquetFileReaderRoundTripTests.DictionaryFallbackRows());
        await File.WriteAllBytesAsync(PathOf("writer-fallback"), await ReaderTestFiles.WriteAsync(fallback, ParquetFileReaderRoundTripTests.DictionaryFallbackOptions(), 500));

        var statements = new List<string> { CreateTable };
        foreach (var codec in Codecs)
        {
            statements.Add($"COPY t TO {DuckDbSql.Literal(PathOf(codec))} (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 2048)");
        }

        statements.Add($"COPY t TO {DuckDbSql.Literal(PathOf("v2"))} (FORMAT parquet, PARQUET_VERSION v2)");
        statements.Add($"COPY t TO {DuckDbSql.Literal(PathOf("zstd"))} (FORMAT parquet, COMPRESSION zstd)");
        foreach (var (name, expression) in new[]
        {
            ("float", "1.5::FLOAT"), ("date", "DATE '2024-01-01'"), ("decimal", "1.25::DECIMAL(10,2)"), ("list", "[1, 2]"),
            ("struct", "{'a': 1}"), ("blob", "'ab'::BLOB"), ("smallint", "3::SMALLINT"),
        })
        {
            statements.Add($"COPY (SELECT 'k' AS ok, {expression} AS {name}) TO {DuckDbSql.Literal(PathOf(name))} (FORMAT parquet)");
        }

        var queried = new List<(string Name, bool IsMetadata)>();
        foreach (var codec in Codecs)
        {
            statements.Add($"SELECT {CanonicalColumns} FROM read_parquet({DuckDbSql.Literal(PathOf(codec))})");
            queried.Add((codec, false));
        }

        foreach (var name in Codecs.Append("v2").Append("writer-fallback"))
        {
            statements.Add($"SELECT row_group_id, row_group_num_rows, path_in_schema, encodings FROM parquet_metadata({DuckDbSql.Literal(PathOf(name))}) ORDER BY row_group_id, column_id");
            queried.Add((name, true));
        }

        var results = await DuckDbSql.RunAsync(statements);
        var first = results.Count - queried.Count;
        for (var q = 0; q < queried.Count; q++)
        {
            var (name, isMetadata) = queried[q];
            (isMetadata ? _metadata : _rows)[name] = results[first + q].Rows;
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}
