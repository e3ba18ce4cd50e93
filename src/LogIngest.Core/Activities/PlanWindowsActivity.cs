using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Planning;
using LogIngest.Core.Ports;

namespace LogIngest.Core.Activities;

public sealed record PlanWindowsInput(LoadConfig Config, TimeAxis Axis, IReadOnlyList<Interval> Spans, WindowLimits Limits);

/// <summary>The windows of a range, the time to checkpoint as empty, and how many histogram queries it took.</summary>
public sealed record PlanWindowsResult(IReadOnlyList<PlannedWindow> Windows, IReadOnlyList<Interval> EmptySpans, int Queries);

/// <summary>
/// Plans a range's windows from one histogram query plus refinements of over-limit bins
/// (<see cref="WindowPlanningDriver"/>), querying the config's log source.
/// </summary>
public sealed class PlanWindowsActivity(ILogSourceFactory sources) : Workflows.IActivity<PlanWindowsInput, PlanWindowsResult>
{
    public async Task<PlanWindowsResult> RunAsync(PlanWindowsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = sources.ForConfig(input.Config);
        var driver = new WindowPlanningDriver(async (span, binTicks, ct) =>
            await source.GetHistogramAsync(
                LogHistogramQuery.For(input.Config, span, TimeSpan.FromTicks(binTicks)) with { Axis = input.Axis },
                ct));
        RangePlan plan;
        try
        {
            plan = await driver.PlanAsync(input.Spans, input.Limits, cancellationToken);
        }
        catch (LogIngestException partial) when (partial.Code == ErrorCodes.ResultTruncated)
        {
            // A histogram is small by design (bins, not rows), so a partial answer is the service failing
            // for a moment: retried like a 503, where a window's truncation would be split instead.
            throw new LogIngestException(ErrorCodes.Unavailable, $"The histogram query came back partial; retrying it. ({partial.Message})", partial);
        }

        return new PlanWindowsResult(plan.Windows, plan.EmptySpans, plan.HistogramQueries);
    }
}
