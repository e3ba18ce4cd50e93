using System.Text.Json.Serialization;
using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Azure.Cosmos;

// The shapes stored in Cosmos. Each carries its id and its container's partition key field.

/// <summary>control (/id): one config with its status, beside the config itself.</summary>
internal sealed record ControlItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required LoadConfig Config { get; init; }

    public RunStatus Status { get; init; }

    public DateTimeOffset? Watermark { get; init; }

    public string? LastRunId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool Enabled { get; init; }

    public static ControlItem From(ControlDocument document) => new()
    {
        Id = document.Id,
        Config = document.Config,
        Status = document.Status,
        Watermark = document.Watermark,
        LastRunId = document.LastRunId,
        UpdatedAt = document.UpdatedAt,
        Enabled = document.Config.Enabled,
    };

    public ControlDocument ToDocument(string? etag) => new()
    {
        Config = Config,
        Status = Status,
        Watermark = Watermark,
        LastRunId = LastRunId,
        UpdatedAt = UpdatedAt,
        ETag = etag,
    };
}

/// <summary>control (/id), id <c>_configs</c>: the ids of every config, so listing needs no cross-partition query.</summary>
internal sealed record ConfigRegistryItem
{
    public const string ItemId = "_configs";

    [JsonPropertyName("id")]
    public string Id { get; init; } = ItemId;

    public IReadOnlyList<string> ConfigIds { get; init; } = [];
}

/// <summary>checkpoints (/configId): a window record (<see cref="Window"/>), the compacted coverage (<see cref="Coverage"/>) or the config's flattened columns (<see cref="FlattenSchema"/>).</summary>
internal sealed record CheckpointItem
{
    public const string WindowKind = "window";
    public const string CoverageKind = "coverage";
    public const string FlattenSchemaKind = "flatten-schema";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ConfigId { get; init; }

    public required string Kind { get; init; }

    public WindowCheckpoint? Window { get; init; }

    public CheckpointCoverage? Coverage { get; init; }

    public FlattenSchema? FlattenSchema { get; init; }
}

/// <summary>audit (/runId): one run event.</summary>
internal sealed record AuditItem
{
    public const string EventKind = "event";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string RunId { get; init; }

    public string Kind { get; init; } = EventKind;

    public required RunEvent Event { get; init; }
}

/// <summary>audit (/runId), id <c>_run</c> in the run's partition: the run's start, config and status.</summary>
internal sealed record RunHeaderItem
{
    public const string ItemId = "_run";

    [JsonPropertyName("id")]
    public string Id { get; init; } = ItemId;

    public required string RunId { get; init; }

    public string Kind { get; init; } = "run";

    public required RunRecord Run { get; init; }
}

/// <summary>
/// audit (/runId), id and partition <c>runs-YYYY-MM-DD</c>: the runs started that day; and
/// <c>runs-days</c>: the days that have runs. Listing recent runs reads these with point reads only.
/// </summary>
internal sealed record RunIndexItem
{
    public const string DaysId = "runs-days";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string RunId { get; init; }

    public string Kind { get; init; } = "runIndex";

    public IReadOnlyList<RunRecord> Runs { get; init; } = [];

    public IReadOnlyList<string> Days { get; init; } = [];

    /// <summary>A day's index: the events of all its runs are pruned (a later prune skips the day).</summary>
    public bool EventsPruned { get; init; }
}

/// <summary>streams (/hub): one partition's watermark.</summary>
internal sealed record StreamItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string Hub { get; init; }

    public required StreamWatermark Watermark { get; init; }
}

/// <summary>
/// control (/id), ids <c>_query-slot-0</c>, <c>_query-slot-1</c>, ...: one app-wide query slot, free when
/// it has no holder. Config ids cannot start with '_' and only ids in <see cref="ConfigRegistryItem"/>
/// are listed as configs, so config reads and listings never meet these.
/// </summary>
internal sealed record QuerySlotItem
{
    public const string IdPrefix = "_query-slot-";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Kind { get; init; } = "querySlot";

    public int Slot { get; init; }

    /// <summary>The holding lease's unique token; null when the slot is free.</summary>
    public string? Holder { get; init; }

    public string? Owner { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public static string IdOf(int slot) => IdPrefix + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// control (/id), ids <c>_setting-{key}</c>: one setting of the store itself (e.g. the lake its
/// checkpoints describe). Config ids cannot start with '_', so config reads never meet these.
/// </summary>
internal sealed record StoreSettingItem
{
    public const string IdPrefix = "_setting-";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string Kind { get; init; } = "setting";

    public required string Value { get; init; }
}
