using LogIngest.Core.Model;
using LogIngest.Core.Planning;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Tests.Planning;

public class PlanningMessagesTests
{
    [Fact]
    public async Task RoundTrip_RangePlanWithKeySplitsAndEmptySpans_SurvivesWorkflowJson()
    {
        var t0 = HistogramShapes.Origin;
        var limits = new WindowLimits { MaxRows = 1_000, MaxBytes = 1_000_000, MinRows = 400 };
        var source = new PointSource([(t0 + 5, 2_500, 10), (t0 + 99, 700, 10), (t0 + 500, 1_500, 10)]);
        var plan = await new WindowPlanningDriver(source.HistogramAsync).PlanAsync([new Interval(t0, t0 + 1_000)], limits);

        var copy = WorkflowJson.RoundTrip<RangePlan>(plan)!;

        Assert.Contains(plan.Windows, w => w.IsIrreducible);
        Assert.NotEmpty(plan.EmptySpans);
        Assert.Equal(plan.Windows, copy.Windows);
        Assert.Equal(plan.EmptySpans, copy.EmptySpans);
        Assert.Equal(plan.HistogramQueries, copy.HistogramQueries);
        Assert.Equal(plan.Plans[0].Gap, copy.Plans[0].Gap);
    }

    [Fact]
    public void RoundTrip_LoadRangesAndRequestedRange_SurviveWorkflowJson()
    {
        var t0 = HistogramShapes.Origin;
        var ranges = RangeSplitter.Split(IntervalSet.Of(new Interval(t0, t0 + 100), new Interval(t0 + 200, t0 + 300)), 3);
        var requested = new RequestedRange(new Interval(t0, t0 + 300), TimeAxis.IngestionTime, ClampedAtNow: true);

        var copies = WorkflowJson.RoundTrip<List<LoadRange>>(ranges)!;

        Assert.Equal(ranges.SelectMany(r => r.Spans), copies.SelectMany(r => r.Spans));
        Assert.Equal(ranges.Select(r => r.Index), copies.Select(r => r.Index));
        Assert.Equal(requested, WorkflowJson.RoundTrip<RequestedRange>(requested));
    }
}
