using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using LogIngest.TestSupport.Parquet;
using LogIngest.TestSupport.Servers;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>What a checker read and what it found wrong.</summary>
public sealed record ChaosCheck(long Rows, List<string> Findings);

/// <summary>
/// Checks a backfill's lake and checkpoints without the code under test: every blob downloaded from
/// Azurite with the Blob SDK and read with DuckDB, file names parsed here from their documented form,
/// checkpoint documents read as JSON from the Cosmos server.
/// </summary>
public static partial class BackfillCheck
{
    public static async Task<ChaosCheck> RunAsync(AzuriteFixture azurite, CosmosServerFixture cosmos, string container, string database, string table,
        DateTimeOffset from, DateTimeOffset to, long sourceRows)
    {
        var findings = new List<string>();
        var folder = Directory.CreateTempSubdirectory("logingest-chaos-lake-").FullName;
        try
        {
            var files = await ChaosLake.DownloadAsync(new BlobContainerClient(azurite.ConnectionString, container), folder);
            var parquet = files.Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
            var stray = files.Except(parquet).ToList();
            if (stray.Count > 0)
            {
                findings.Add($"files other than Parquet in the lake: {string.Join(", ", stray)}");
            }

            if (parquet.Count == 0)
            {
                findings.Add("the lake holds no Parquet file");
                return new ChaosCheck(0, findings);
            }

            // Each file: its rows, distinct keys and time span, against the window and day its name and folder give.
            var covers = new List<(long Start, long End, string Name, bool Split)>();
            var rowsByFile = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var name in parquet)
            {
                var row = DuckDbParquet.Query(
                    $"SELECT count(*), count(DISTINCT (\"TimeGenerated\", composite_key)), epoch_us(min(\"TimeGenerated\")), epoch_us(max(\"TimeGenerated\")) FROM {DuckDbParquet.Source(Path.Combine(folder, name))}").Rows[0];
                var (rows, distinct) = (Convert.ToInt64(row[0], CultureInfo.InvariantCulture), Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
                rowsByFile[name] = rows;
                if (distinct != rows)
                {
                    findings.Add($"{name}: {rows} rows but {distinct} distinct (TimeGenerated, composite_key) identities");
                }

                var parsed = FileNamePattern().Match(name);
                if (!parsed.Success || parsed.Groups["table"].Value != table)
                {
                    findings.Add($"{name}: not a window file name of {table}");
                    continue;
                }

                var day = new DateTimeOffset(int.Parse(parsed.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(parsed.Groups["m"].Value, CultureInfo.InvariantCulture),
                    int.Parse(parsed.Groups["d"].Value, CultureInfo.InvariantCulture), 0, 0, 0, TimeSpan.Zero);
                var start = Max(Instant(parsed.Groups["start"].Value), day);
                var end = Min(Instant(parsed.Groups["end"].Value), day.AddDays(1));
                if (start >= end)
                {
                    findings.Add($"{name}: its window does not touch the day of its folder");
                    continue;
                }

                if (rows > 0 && (Micros(start) > Convert.ToInt64(row[2], CultureInfo.InvariantCulture) || Convert.ToInt64(row[3], CultureInfo.InvariantCulture) >= Micros(end)))
                {
                    findings.Add($"{name}: rows outside [{start:O}, {end:O})");
                }

                if (start < from || end > to)
                {
                    findings.Add($"{name}: covers time outside the requested [{from:O}, {to:O})");
                }

                covers.Add((start.UtcTicks, end.UtcTicks, name, parsed.Groups["split"].Success));
            }

            // No instant in two files (slices of one key-split instant share it by design, each holding other keys).
            var ordered = covers.OrderBy(c => c.Start).ThenBy(c => c.End).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (before, after) = (ordered[i - 1], ordered[i]);
                var sameSplitWindow = before.Split && after.Split && before.Start == after.Start && before.End == after.End;
                if (after.Start < before.End && !sameSplitWindow)
                {
                    findings.Add($"{before.Name} and {after.Name} cover the same instants");
                }
            }

            var total = DuckDbParquet.Query($"SELECT count(*), count(DISTINCT (\"TimeGenerated\", composite_key)) FROM read_parquet({DuckDbSql.Literal(Path.Combine(folder, "**", "*.parquet"))})").Rows[0];
            var (lakeRows, lakeDistinct) = (Convert.ToInt64(total[0], CultureInfo.InvariantCulture), Convert.ToInt64(total[1], CultureInfo.InvariantCulture));
            if (lakeRows != sourceRows)
            {
                findings.Add($"the lake holds {lakeRows} rows; the source holds {sourceRows} in the range");
            }

            if (lakeDistinct != lakeRows)
            {
                findings.Add($"the lake holds {lakeRows} rows but {lakeDistinct} distinct (TimeGenerated, composite_key) identities");
            }

            await CheckCheckpointsAsync(cosmos, database, rowsByFile, findings);
            return new ChaosCheck(lakeRows, findings);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Every lake file is named by exactly one window checkpoint, and each checkpoint's rows are its files' rows.
    private static async Task CheckCheckpointsAsync(CosmosServerFixture cosmos, string database, Dictionary<string, long> rowsByFile, List<string> findings)
    {
        // A client of its own: the shared one caches containers of every seed's database by resource id,
        // which the Cosmos server reuses across databases, and a stale entry fails the query (seen in a soak).
        using var client = cosmos.CreateClient();
        var checkpoints = client.GetContainer(database, "checkpoints");
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        using var feed = checkpoints.GetItemQueryIterator<JsonElement>("SELECT * FROM c WHERE c.kind = 'window'");
        var windows = 0;
        while (feed.HasMoreResults)
        {
            foreach (var document in await feed.ReadNextAsync())
            {
                windows++;
                var window = document.GetProperty("window");
                var files = window.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList();
                var rows = window.GetProperty("rows").GetInt64();
                var id = document.GetProperty("id").GetString()!;
                foreach (var file in files)
                {
                    if (!named.TryAdd(file, id))
                    {
                        findings.Add($"checkpoints {named[file]} and {id} both name {file}");
                    }

                    if (!rowsByFile.ContainsKey(file))
                    {
                        findings.Add($"checkpoint {id} names {file}, which is not in the lake");
                    }
                }

                var inLake = files.Sum(f => rowsByFile.GetValueOrDefault(f));
                if (inLake != rows)
                {
                    findings.Add($"checkpoint {id} records {rows} rows; its files hold {inLake}");
                }
            }
        }

        if (windows == 0)
        {
            findings.Add("no window checkpoint in the state");
        }

        foreach (var file in rowsByFile.Keys.Where(f => !named.ContainsKey(f)))
        {
            findings.Add($"{file} is in the lake but no checkpoint names it");
        }
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static long Micros(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // {prefix/}{table}/year=YYYY/month=MM/day=DD/{table}-{start}-{end}[-k{r}of{m}].parquet, instants in ISO 8601 basic form to the 100 ns tick.
    [GeneratedRegex(@"(^|/)(?<table>[A-Za-z_][A-Za-z0-9_]*)/year=(?<y>\d{4})/month=(?<m>\d{2})/day=(?<d>\d{2})/\k<table>-(?<start>\d{8}T\d{6}\.\d{7}Z)-(?<end>\d{8}T\d{6}\.\d{7}Z)(?<split>-k\d+of\d+)?\.parquet$")]
    private static partial Regex FileNamePattern();
}
