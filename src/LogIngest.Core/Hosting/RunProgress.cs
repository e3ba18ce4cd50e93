using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>
/// One progress report of a run: the range that just moved and the run's totals so far (the sum of
/// every range's latest report), with the rows the plans of the ranges reported so far expect.
/// </summary>
public sealed record RunProgress(string RunId, RangeProgress Range, int WindowsPlanned, int WindowsCompleted, int WindowsFailed, long Rows, long EstimatedRows = 0)
{
    /// <summary>Folds the latest report of every range into run totals.</summary>
    public static RunProgress Fold(string runId, RangeProgress latest, IEnumerable<RangeProgress> ranges)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(ranges);
        int planned = 0, completed = 0, failed = 0;
        long rows = 0, estimated = 0;
        foreach (var range in ranges)
        {
            estimated += range.EstimatedRows;
            planned += range.WindowsPlanned;
            completed += range.WindowsCompleted;
            failed += range.WindowsFailed;
            rows += range.Rows;
        }

        return new RunProgress(runId, latest, planned, completed, failed, rows, estimated);
    }
}
