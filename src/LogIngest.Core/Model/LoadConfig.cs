namespace LogIngest.Core.Model;

/// <summary>
/// One load's configuration: the control document that the CLI's <c>--config</c> file, the HTTP body
/// and the state store share. Status, watermark and ETag live beside it in the store.
/// </summary>
public sealed record LoadConfig
{
    /// <summary><c>[a-z0-9-]{1,64}</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A Kusto identifier such as <c>OfficeActivity</c>; quoted in every query.</summary>
    public required string Table { get; init; }

    public SourceSpec Source { get; init; } = new();

    public LoadMode Mode { get; init; } = LoadMode.Backfill;

    /// <summary>Backfill start (inclusive), UTC.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Backfill end (exclusive), UTC.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Incremental only: the most recent stretch never read, so late rows settle first.</summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Optional KQL pipeline text such as <c>where Operation != 'FileAccessed'</c>.</summary>
    public string? Filter { get; init; }

    /// <summary><c>dynamic</c> columns to expand into <c>Col_key</c> columns.</summary>
    public IReadOnlyList<string> Flatten { get; init; } = [];

    public WindowLimits Limits { get; init; } = WindowLimits.Default;

    /// <summary>Ranges in flight at once (1-32); queries are capped separately.</summary>
    public int Parallelism { get; init; } = 4;

    public LakeSpec Lake { get; init; } = new();

    /// <summary>Optional expected maximum run duration.</summary>
    public TimeSpan? Sla { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>The clock this config's loads window on.</summary>
    public TimeAxis Axis => Mode == LoadMode.Incremental ? TimeAxis.IngestionTime : TimeAxis.TimeGenerated;
}

public sealed record SourceSpec
{
    /// <summary><c>logAnalytics</c> or <c>simulated</c>.</summary>
    public string Kind { get; init; } = SourceKinds.Simulated;

    /// <summary>The Log Analytics workspace (customer) id, a GUID, when <see cref="Kind"/> is <c>logAnalytics</c>.</summary>
    public string? WorkspaceId { get; init; }
}

public static class SourceKinds
{
    public const string LogAnalytics = "logAnalytics";
    public const string Simulated = "simulated";
}

public sealed record LakeSpec
{
    /// <summary>Relative folder under the lake root; no <c>..</c>, no leading slash.</summary>
    public string Prefix { get; init; } = "loganalytics";
}
