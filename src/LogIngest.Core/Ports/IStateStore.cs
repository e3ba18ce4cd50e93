using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Core.Ports;

/// <summary>
/// All run state in one store (Cosmos DB on Azure, SQLite on one machine). Components that need only
/// one concern depend on its narrow port. Failures surface as
/// <see cref="Observability.LogIngestException"/>: S502 for storage I/O, R409 for a lost ETag race,
/// C301 for an invalid config, R402 for a missing document where one is required.
/// </summary>
public interface IStateStore : IControlStore, ICheckpointStore, IRunEventStore, IStreamWatermarkStore, IFlattenSchemaStore
{
}

/// <summary>Each config's flattened columns (<see cref="FlattenSchema"/>), grown by concurrent windows without losing a key.</summary>
public interface IFlattenSchemaStore
{
    /// <summary>The config's schema; an empty one (version 0) when no key was recorded yet.</summary>
    Task<FlattenSchema> GetFlattenSchemaAsync(string configId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the keys the schema lacks, atomically against other writers (windows of one run that meet a new
    /// key at once both end with it, once), and returns the schema as stored afterwards.
    /// </summary>
    Task<FlattenSchema> AddFlattenKeysAsync(string configId, IReadOnlyCollection<(string Column, string Key)> keys, string runId, long windowStart, CancellationToken cancellationToken = default);
}

/// <summary>Config documents with their status, watermark and last run, changed under optimistic concurrency.</summary>
public interface IControlStore
{
    /// <summary>Validates and stores a new config as PENDING; R409 when the id exists, C301 when invalid.</summary>
    Task<ControlDocument> CreateConfigAsync(LoadConfig config, CancellationToken cancellationToken = default);

    /// <summary>Creates the config, or replaces the config part of an existing document keeping its status and watermark.</summary>
    Task<ControlDocument> SaveConfigAsync(LoadConfig config, CancellationToken cancellationToken = default);

    /// <summary>The document, or null when no config has this id.</summary>
    Task<ControlDocument?> GetConfigAsync(string configId, CancellationToken cancellationToken = default);

    /// <summary>Every config (enabled or not), ordered by id.</summary>
    Task<IReadOnlyList<ControlDocument>> ListConfigsAsync(CancellationToken cancellationToken = default);

    /// <summary>The configs with <c>enabled: true</c>, ordered by id.</summary>
    Task<IReadOnlyList<ControlDocument>> ListEnabledConfigsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the document if it still carries <see cref="ControlDocument.ETag"/> (If-Match) and returns
    /// it with its new ETag; R409 when another writer changed it first, R402 when it is gone.
    /// </summary>
    Task<ControlDocument> UpdateConfigAsync(ControlDocument document, CancellationToken cancellationToken = default);

    /// <summary>
    /// A setting of the store itself (not of a config), e.g. the lake its checkpoints describe; null
    /// when none is set. Keys are <c>[a-z0-9-]</c>.
    /// </summary>
    Task<string?> GetStoreSettingAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets (or replaces) a setting of the store; see <see cref="GetStoreSettingAsync"/>.</summary>
    Task SetStoreSettingAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a config: its document and its checkpoints (so the id can be reused without inheriting
    /// them); run history and lake files stay. Checkpoints go first, so an interrupted delete leaves a
    /// config that reloads, never checkpoints without their config. False when no config has this id.
    /// </summary>
    Task<bool> DeleteConfigAsync(string configId, CancellationToken cancellationToken = default);
}

/// <summary>Completed windows and the merged coverage they add up to.</summary>
public interface ICheckpointStore
{
    /// <summary>
    /// Records a completed window (or key-split slice). Idempotent: writing the same window again
    /// replaces its record. When this returns, <see cref="GetCoverageAsync"/> includes it.
    /// </summary>
    Task RecordWindowAsync(WindowCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// The instants of <paramref name="axis"/> that completed windows cover for a config, read from one
    /// compacted document (cost independent of the number of windows). A key-split instant counts only
    /// when every slice of its split is recorded.
    /// </summary>
    Task<IntervalSet> GetCoverageAsync(string configId, TimeAxis axis, CancellationToken cancellationToken = default);

    /// <summary>Every window record of a config, ordered by axis, window start and split; for verification and reports.</summary>
    IAsyncEnumerable<WindowCheckpoint> ListWindowsAsync(string configId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets every window record of the config on <paramref name="axis"/> that overlaps
    /// <paramref name="span"/> (whole windows: a record is never cut) and answers them. The coverage
    /// shrinks first, so a reader never sees coverage that no record backs; their files are the
    /// caller's to remove. A rerun then loads those windows again.
    /// </summary>
    Task<IReadOnlyList<WindowCheckpoint>> ForgetWindowsAsync(string configId, TimeAxis axis, Interval span, CancellationToken cancellationToken = default);
}

/// <summary>Audit rows and run events (one schema), per run, and the list of recent runs.</summary>
public interface IRunEventStore
{
    /// <summary>Appends an event; idempotent by <see cref="RunEvent.EventId"/> (a replayed append changes nothing).</summary>
    Task AppendEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default);

    /// <summary>The events of one run, ordered by timestamp then event id.</summary>
    Task<IReadOnlyList<RunEvent>> ReadRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most recent runs (those that appended a RUN_START event), newest first, with their latest
    /// status, optionally for one config only.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> ListRecentRunsAsync(int maxCount, string? configId = null, CancellationToken cancellationToken = default);

    /// <summary>Every run that started at or after <paramref name="since"/>, newest first, optionally for one config (the KPIs' input).</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsSinceAsync(DateTimeOffset since, string? configId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets run history by age: the audit rows and run events of runs that started before
    /// <paramref name="eventsBefore"/>, and the run records (the summaries the run lists and KPIs read)
    /// of runs that started before <paramref name="summariesBefore"/>. Checkpoints, configs and stream
    /// watermarks are never touched. Idempotent; an interrupted prune is finished by the next.
    /// </summary>
    Task<RunHistoryPruned> PruneRunHistoryAsync(DateTimeOffset eventsBefore, DateTimeOffset summariesBefore, CancellationToken cancellationToken = default);
}

/// <summary>What a prune removed: run events (audit rows included) and run records.</summary>
public sealed record RunHistoryPruned(int Events, int Runs);

/// <summary>Per Event Hub partition, how far the stream has been landed (for lag monitoring).</summary>
public interface IStreamWatermarkStore
{
    /// <summary>Stores the watermark unless a later sequence number is already stored (replays never move it back).</summary>
    Task SetStreamWatermarkAsync(StreamWatermark watermark, CancellationToken cancellationToken = default);

    Task<StreamWatermark?> GetStreamWatermarkAsync(string hub, string partitionId, CancellationToken cancellationToken = default);

    /// <summary>Every partition's watermark of a hub, ordered by partition id.</summary>
    Task<IReadOnlyList<StreamWatermark>> ListStreamWatermarksAsync(string hub, CancellationToken cancellationToken = default);
}
