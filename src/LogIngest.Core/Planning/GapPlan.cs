using LogIngest.Core.Model;

namespace LogIngest.Core.Planning;

/// <summary>
/// The planner's answer for one gap: either a complete plan (windows plus empty spans) or, when a bin
/// exceeds a limit and can still be cut finer, the refinements to query before planning again.
/// </summary>
/// <remarks>
/// How empty time is covered: windows extend over stretches without rows (a window's span reaches up
/// to the next window's first row), so windows alone tile the gap whenever they can. Only time that no
/// ordinary window can absorb — a gap with no rows at all, or time beside a key-split instant with no
/// ordinary window next to it — is returned in <see cref="EmptySpans"/>, to be checkpointed as done with
/// 0 rows. Windows and empty spans together tile <see cref="Gap"/> exactly.
/// </remarks>
public sealed record GapPlan(
    Interval Gap,
    IReadOnlyList<PlannedWindow> Windows,
    IReadOnlyList<Interval> EmptySpans,
    IReadOnlyList<BinRefinement> Refinements)
{
    /// <summary>True when no refinement is pending; <see cref="Windows"/> and <see cref="EmptySpans"/> are then final.</summary>
    public bool IsComplete => Refinements.Count == 0;

    public long EstimatedRows => Windows.Sum(w => w.EstimatedRows);
}
