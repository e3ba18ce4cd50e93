using LogIngest.TestSupport.Parquet;

namespace LogIngest.Parquet.Tests;

/// <summary>
/// Writes every round-trip case once and reads all of them with the Node readers in one Node run
/// (starting Node per test would cost more than the tests) and with Parquet.Net in process.
/// </summary>
public sealed class RoundTripFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, (TestTable Table, string Path)> _cases = new(StringComparer.Ordinal);
    private Dictionary<(string Case, string Reader), ParquetInspection> _inspections = [];

    public static IEnumerable<object[]> CodecAndDictionaryCases() =>
        from codec in Enum.GetValues<ParquetCompression>()
        from dictionary in new[] { true, false }
        select new object[] { codec, dictionary };

    public static string EveryTypeCase(ParquetCompression codec, bool dictionary) => $"every-type-{codec}-{(dictionary ? "dict" : "plain")}";

    /// <summary>Every case written, by name.</summary>
    public IEnumerable<string> Names => _cases.Keys;

    public TestTable Table(string name) => _cases[name].Table;

    public string PathOf(string name) => _cases[name].Path;

    public ParquetInspection Inspection(string name, string reader) => _inspections[(name, reader)];

    public async Task InitializeAsync()
    {
        foreach (var codec in Enum.GetValues<ParquetCompression>())
        {
            foreach (var dictionary in new[] { true, false })
            {
                // Small row groups and pages so nulls fall on every boundary.
                await AddAsync(EveryTypeCase(codec, dictionary), EdgeCaseTables.EveryType(41), new ParquetWriterOptions
                {
                    Compression = codec,
                    DictionaryEnabled = dictionary,
                    RowGroupMaxRows = 16,
                    PageSizeBytes = 1024,
                    KeyValueMetadata = { ["origin"] = "round-trip test", ["unicode"] = "ключ 😀" },
                }, batchSize: 7);
            }
        }

        await AddAsync("zero-rows", EdgeCaseTables.EveryType(0), new ParquetWriterOptions());
        await AddAsync("one-row", EdgeCaseTables.EveryType(1), new ParquetWriterOptions());
        await AddAsync("one-row-null", new TestTable(EdgeCaseTables.EveryTypeSchema, [EdgeCaseTables.EveryType(2).Rows[0]]), new ParquetWriterOptions());

        // Distinct strings overflow a 4 KiB dictionary part-way through the first row group.
        var fallback = new ParquetSchema(new ParquetColumn("id", ParquetColumnType.Int64), new ParquetColumn("name", ParquetColumnType.String));
        var fallbackRows = Enumerable.Range(0, 3000)
            .Select(i => new object?[] { (long)i, i % 10 == 0 ? null : $"name-{i:D6}-{(i % 7 == 0 ? "😀" : "x")}" })
            .ToList();
        await AddAsync("dictionary-fallback", new TestTable(fallback, fallbackRows), new ParquetWriterOptions
        {
            DictionaryPageSizeLimit = 4096,
            PageSizeBytes = 4096,
            RowGroupMaxRows = 2000,
        }, batchSize: 500);

        // Nulls in every type, with lone values at the first row, a middle one, a row group's last and
        // the next one's first, and a late row; the second row group ends in a run of nulls.
        // (Decimal and Uuid have cases of their own: each reader spells them differently.)
        var everyType = new ParquetSchema(Enum.GetValues<ParquetColumnType>().Where(t => t is not (ParquetColumnType.Decimal or ParquetColumnType.Uuid)).Select(t => new ParquetColumn(t.ToString(), t)));
        object?[] present = [.. everyType.Columns.Select(c => c.Type switch
        {
            ParquetColumnType.String => (object)"text",
            ParquetColumnType.Int32 => 7,
            ParquetColumnType.Int64 => 8L,
            ParquetColumnType.Double => 2.5,
            ParquetColumnType.Boolean => true,
            ParquetColumnType.Timestamp => new Micros(1_700_000_000_000_000),
            _ => "{\"k\":1}",
        })];
        var lone = new HashSet<int> { 0, 100, 159, 160, 299 };
        var sparse = Enumerable.Range(0, 320).Select(r => lone.Contains(r) ? present.ToArray() : new object?[present.Length]).ToList();
        await AddAsync("nulls-at-edges", new TestTable(everyType, sparse), new ParquetWriterOptions { RowGroupMaxRows = 160 }, batchSize: 64);

        // Doubles around the spec's statistics rules: NaN excluded, zero bounds widened, all-NaN without bounds.
        var doubles = new ParquetSchema(new ParquetColumn("x", ParquetColumnType.Double));
        double?[] doubleRows = [double.NaN, -0.0, 2.5, null, 0.0, double.NaN, -3.0, -0.0, double.NaN, null, double.NaN, double.NaN];
        await AddAsync("double-statistics", new TestTable(doubles, doubleRows.Select(d => new object?[] { d }).ToList()), new ParquetWriterOptions { RowGroupMaxRows = 4 });

        // Wide-ish rows against a 64 KiB row-group budget: flushed by bytes long before the row limit.
        var wide = new ParquetSchema(new ParquetColumn("id", ParquetColumnType.Int64, IsNullable: false), new ParquetColumn("text", ParquetColumnType.String));
        var wideRows = Enumerable.Range(0, 5000).Select(i => new object?[] { (long)i, $"row {i} " + new string((char)('a' + (i % 26)), i % 90) }).ToList();
        await AddAsync("row-groups-by-bytes", new TestTable(wide, wideRows), new ParquetWriterOptions
        {
            RowGroupMaxBytes = 64 * 1024,
            DictionaryEnabled = false,
            Compression = ParquetCompression.Uncompressed,
        }, batchSize: 5000);

        var requests = _cases.Select(c => new ParquetReadRequest(c.Value.Path, Metadata: true)).ToList();
        var results = await ParquetInspector.ReadAsync(requests);
        var byPath = _cases.ToDictionary(c => c.Value.Path, c => c.Key, StringComparer.Ordinal);
        _inspections = results.ToDictionary(r => (byPath[r.Path], r.Reader));
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();

    private async Task AddAsync(string name, TestTable table, ParquetWriterOptions options, int batchSize = 1000)
    {
        var path = _folder.File(name + ".parquet");
        await table.WriteAsync(path, options, batchSize);
        _cases[name] = (table, path);
    }
}
