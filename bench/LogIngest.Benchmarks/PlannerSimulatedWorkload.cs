using LogIngest.Core.Model;
using LogIngest.Local.Simulation;

namespace LogIngest.Benchmarks;

/// <summary>
/// The planner benchmark's source: the simulated workspace's <c>OfficeActivity</c> (wide, skewed:
/// diurnal and weekly cycles, bursts, one instant a day holding thousands of rows) at a given volume,
/// asked through its <see cref="Core.Ports.ILogSource"/> face, on <c>TimeGenerated</c>.
/// </summary>
internal sealed class PlannerSimulatedWorkload
{
    private const string Table = "OfficeActivity";
    private readonly SimulatedWorkspace _workspace;

    public PlannerSimulatedWorkload(DateTime startUtc, int days, long rowsPerDay, long seed)
    {
        _workspace = new SimulatedWorkspace(new SimulatedWorkspaceOptions { Seed = seed, OfficeActivityRowsPerDay = rowsPerDay });
        Range = new Interval(startUtc.Ticks, startUtc.Ticks + (days * TimeSpan.TicksPerDay));
    }

    public static string Label => "simulated workspace, OfficeActivity on TimeGenerated";

    public Interval Range { get; }

    public Task<IReadOnlyList<HistogramBin>> HistogramAsync(Interval span, long binTicks, CancellationToken cancellationToken) =>
        _workspace.GetHistogramAsync(new LogHistogramQuery(Table, TimeAxis.TimeGenerated, span, TimeSpan.FromTicks(binTicks)), cancellationToken);

    public Task<long> CountAsync(Interval span, CancellationToken cancellationToken) =>
        _workspace.CountAsync(new LogWindowQuery(Table, TimeAxis.TimeGenerated, span), cancellationToken);
}
