using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using LogIngest.TestSupport.Parquet;
using LogIngest.TestSupport.Servers;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>
/// Checks a hub's bronze files without the code under test: every blob downloaded from Azurite and read
/// with DuckDB; every event sent is there exactly once (by the id in its body), nothing was quarantined,
/// and no two files of a partition cover the same sequence numbers (parsed here from the names).
/// </summary>
public static partial class StreamCheck
{
    public static async Task<ChaosCheck> RunAsync(AzuriteFixture azurite, string container, string hub, IReadOnlyCollection<string> sent)
    {
        var findings = new List<string>();
        var folder = Directory.CreateTempSubdirectory("logingest-chaos-stream-").FullName;
        try
        {
            var files = await ChaosLake.DownloadAsync(new BlobContainerClient(azurite.ConnectionString, container), folder);
            var bronze = files.Where(f => f.StartsWith($"stream/{hub}/", StringComparison.Ordinal) && f.EndsWith(".parquet", StringComparison.Ordinal)).ToList();
            findings.AddRange(files.Where(f => f.StartsWith("quarantine/", StringComparison.Ordinal)).Select(f => $"{f}: a valid event was quarantined"));
            if (bronze.Count == 0)
            {
                findings.Add("no bronze file in the lake");
                return new ChaosCheck(0, findings);
            }

            var ranges = new List<(string Partition, long First, long Last, string Name)>();
            foreach (var name in bronze)
            {
                var parsed = FileNamePattern().Match(name);
                if (!parsed.Success)
                {
                    findings.Add($"{name}: not a bronze file name");
                    continue;
                }

                ranges.Add((parsed.Groups["p"].Value, long.Parse(parsed.Groups["first"].Value, CultureInfo.InvariantCulture), long.Parse(parsed.Groups["last"].Value, CultureInfo.InvariantCulture), name));
            }

            foreach (var partition in ranges.GroupBy(r => r.Partition))
            {
                var ordered = partition.OrderBy(r => r.First).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].First <= ordered[i - 1].Last)
                    {
                        findings.Add($"{ordered[i - 1].Name} and {ordered[i].Name} cover the same sequence numbers");
                    }
                }
            }

            var read = DuckDbParquet.Query(
                $"SELECT json_extract_string(raw_json, '$.id') FROM read_parquet({DuckDbSql.Literal(Path.Combine(folder, "stream", hub, "**", "*.parquet"))})");
            var landed = read.Rows.Select(r => (string?)r[0] ?? "(no id)").ToList();
            var counts = landed.GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var twice = counts.Where(c => c.Value > 1).Select(c => $"{c.Key} x{c.Value}").ToList();
            var missing = sent.Where(id => !counts.ContainsKey(id)).ToList();
            var unknown = counts.Keys.Except(sent, StringComparer.Ordinal).ToList();
            if (twice.Count > 0)
            {
                findings.Add($"{twice.Count} events landed more than once, e.g. {string.Join(", ", twice.Take(5))}");
            }

            if (missing.Count > 0)
            {
                findings.Add($"{missing.Count} of {sent.Count} events never landed, e.g. {string.Join(", ", missing.Take(5))}");
            }

            if (unknown.Count > 0)
            {
                findings.Add($"{unknown.Count} events landed that were never sent, e.g. {string.Join(", ", unknown.Take(5))}");
            }

            return new ChaosCheck(landed.Count, findings);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // stream/{hub}/ingestion_date=YYYY-MM-DD/{partition}-{firstSeq}-{lastSeq}.parquet
    [GeneratedRegex(@"^stream/[^/]+/ingestion_date=\d{4}-\d{2}-\d{2}/(?<p>[^/-]+)-(?<first>\d+)-(?<last>\d+)\.parquet$")]
    private static partial Regex FileNamePattern();
}
