using LogIngest.Core.Capacity;

namespace LogIngest.Local.Simulation;

/// <summary>
/// The shape and size of a <see cref="SimulatedWorkspace"/>. The same seed and options always give
/// the same rows; the volume scales the same daily shape (diurnal cycle, weekday/weekend, bursts,
/// one instant per day holding thousands of rows, late arrival).
/// </summary>
public sealed class SimulatedWorkspaceOptions
{
    /// <summary>Seeds every value of the workspace. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Average rows per day of <c>OfficeActivity</c> (wide, ~20 columns). Default 100,000.</summary>
    public long OfficeActivityRowsPerDay { get; set; } = 100_000;

    /// <summary>Average rows per day of <c>Heartbeat</c> (narrow). Default 14,400 (ten machines, one a minute).</summary>
    public long HeartbeatRowsPerDay { get; set; } = 14_400;

    /// <summary>
    /// Rows of <c>OfficeActivity</c> sharing one 100 ns timestamp, once per day at a seeded instant.
    /// Null (default) picks rowsPerDay / 20 clamped to [1,000, 5,000]; 0 turns the burst off.
    /// </summary>
    public int? SameInstantRows { get; set; }

    /// <summary>No rows exist before this instant. Default 2024-01-01.</summary>
    public DateTimeOffset DataStart { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The longest <c>ingestion_time() - TimeGenerated</c> lag (the tail of the late-arrival
    /// distribution is cut here). Most rows lag under five minutes, some hours. Default 6 h.
    /// </summary>
    public TimeSpan MaxIngestionLag { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Rows per yielded batch. Default 4,096.</summary>
    public int BatchRows { get; set; } = 4096;

    /// <summary>Most rows one in-process result may hold before it is truncated (D202). Default 500,000, as the service.</summary>
    public long MaxResultRows { get; set; } = 500_000;

    /// <summary>Most estimated bytes one in-process result may hold before it is truncated (D202). Default 64,000,000.</summary>
    public long MaxResultBytes { get; set; } = 64_000_000;

    /// <summary>
    /// How long each query takes before and while it answers, slept for real (in process and over HTTP):
    /// the fixed cost before the first row, a window's per-row cost batch by batch. The capacity planner
    /// charges the same model in virtual time. Default <see cref="QueryCostModel.None"/>: answers at once.
    /// </summary>
    public QueryCostModel Latency { get; set; } = QueryCostModel.None;

    internal void Validate()
    {
        if (OfficeActivityRowsPerDay < 0 || HeartbeatRowsPerDay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OfficeActivityRowsPerDay), "Rows per day must not be negative.");
        }

        if (MaxIngestionLag < TimeSpan.FromMinutes(1) || MaxIngestionLag > TimeSpan.FromDays(2))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIngestionLag), MaxIngestionLag, "MaxIngestionLag must lie between 1 minute and 2 days.");
        }

        if (BatchRows < 1 || MaxResultRows < 1 || MaxResultBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchRows), "BatchRows, MaxResultRows and MaxResultBytes must be positive.");
        }

        ArgumentNullException.ThrowIfNull(Latency, nameof(Latency));
        if (SameInstantRows is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SameInstantRows), SameInstantRows, "SameInstantRows must not be negative.");
        }
    }
}
