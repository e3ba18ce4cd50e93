using System.Globalization;
using System.Text.RegularExpressions;

namespace LogIngest.Core.Streaming;

/// <summary>
/// Lake keys of the stream: <c>stream/{hub}/ingestion_date=YYYY-MM-DD/{partition}-{firstSeq}-{lastSeq}.parquet</c>
/// for bronze, the same under <c>quarantine/</c>. A name is a pure function of the events' partition,
/// sequence range and enqueued date, so a replayed range always lands on the same key.
/// </summary>
public static partial class StreamFileName
{
    public const string BronzeRoot = "stream";
    public const string QuarantineRoot = "quarantine";

    public static string Bronze(string hub, DateOnly date, string partition, long first, long last) =>
        $"{DatePrefix(BronzeRoot, hub, date)}{partition}-{first.ToString(CultureInfo.InvariantCulture)}-{last.ToString(CultureInfo.InvariantCulture)}.parquet";

    public static string Quarantine(string hub, DateOnly date, string partition, long first, long last) =>
        $"{DatePrefix(QuarantineRoot, hub, date)}{partition}-{first.ToString(CultureInfo.InvariantCulture)}-{last.ToString(CultureInfo.InvariantCulture)}.parquet";

    /// <summary>The prefix that lists exactly one partition's bronze files of one date ("1-" never matches "10-").</summary>
    public static string PartitionPrefix(string hub, DateOnly date, string partition) => DatePrefix(BronzeRoot, hub, date) + partition + "-";

    /// <summary>Every bronze file of a hub.</summary>
    public static string HubPrefix(string hub) => $"{BronzeRoot}/{hub}/ingestion_date=";

    /// <summary>The hub's schema file (<see cref="StreamSchema"/>).</summary>
    public static string Schema(string hub) => $"{BronzeRoot}/{hub}/_schema.json";

    /// <summary>The UTC date of an enqueued time.</summary>
    public static DateOnly DateOf(DateTimeOffset enqueued) => DateOnly.FromDateTime(enqueued.UtcDateTime);

    /// <summary>Reads a bronze or quarantine key back; false for any other key.</summary>
    public static bool TryParse(string path, out StreamFile file)
    {
        ArgumentNullException.ThrowIfNull(path);
        var match = FilePattern().Match(path);
        if (match.Success
            && DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && long.TryParse(match.Groups["first"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(match.Groups["last"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last)
        {
            file = new StreamFile(path, match.Groups["root"].Value == QuarantineRoot, match.Groups["hub"].Value, date, match.Groups["partition"].Value, first, last);
            return true;
        }

        file = default;
        return false;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the fix unless <paramref name="hub"/> is an Event Hub name.</summary>
    public static void ValidateHub(string hub, string paramName = "hub")
    {
        if (hub is null || !HubPattern().IsMatch(hub))
        {
            throw new ArgumentException($"'{hub}' is not an event hub name: use 1-256 letters, digits, '.', '_' or '-', starting with a letter or digit.", paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="partition"/> is a partition id (letters, digits, '_'; no '-', which separates the name).</summary>
    public static void ValidatePartition(string partition, string paramName = "partition")
    {
        if (partition is null || !PartitionPattern().IsMatch(partition))
        {
            throw new ArgumentException($"'{partition}' is not a partition id: use 1-64 letters, digits or '_'.", paramName);
        }
    }

    private static string DatePrefix(string root, string hub, DateOnly date) =>
        $"{root}/{hub}/ingestion_date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/";

    [GeneratedRegex(@"^(?<root>stream|quarantine)/(?<hub>[A-Za-z0-9][A-Za-z0-9._-]{0,255})/ingestion_date=(?<date>\d{4}-\d{2}-\d{2})/(?<partition>[A-Za-z0-9_]{1,64})-(?<first>\d{1,19})-(?<last>\d{1,19})\.parquet$")]
    private static partial Regex FilePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$")]
    private static partial Regex HubPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex PartitionPattern();
}

/// <summary>A bronze or quarantine file as its key describes it: which events of which partition it holds.</summary>
public readonly record struct StreamFile(string Path, bool IsQuarantine, string Hub, DateOnly Date, string Partition, long FirstSequence, long LastSequence);
