using LogIngest.Core.Model;

namespace LogIngest.Core.State;

/// <summary>
/// One config as the state store keeps it: the config itself plus its run status, watermark and last
/// run, under an ETag. Change it with <c>document with { ... }</c> and
/// <see cref="Ports.IControlStore.UpdateConfigAsync"/>, which succeeds only if the ETag still matches.
/// </summary>
public sealed record ControlDocument
{
    public required LoadConfig Config { get; init; }

    public RunStatus Status { get; init; } = RunStatus.Pending;

    /// <summary>Incremental loads: everything before this instant (on the config's axis) is loaded.</summary>
    public DateTimeOffset? Watermark { get; init; }

    public string? LastRunId { get; init; }

    /// <summary>Set by the store on every write.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The store's version tag; null only for a document never stored.</summary>
    public string? ETag { get; init; }

    public string Id => Config.Id;
}
