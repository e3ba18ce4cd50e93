using LogIngest.Core.Model;
using LogIngest.Core.Planning;

namespace LogIngest.Core.Tests.Planning;

/// <summary>The properties every complete plan must have, checked against ground truth.</summary>
internal static class PlanInvariants
{
    public static void AssertValid(GapPlan plan, WindowLimits limits, PointSource truth, IntervalSet? done = null)
    {
        Check(plan.IsComplete, () => $"plan of {plan.Gap} still asks for refinements");
        var gap = plan.Gap;

        // Key slices of one instant share a span; they must be remainders 0..k-1 of one modulus.
        var pieces = new List<Interval>();
        foreach (var group in plan.Windows.GroupBy(w => w.Span))
        {
            var windows = group.ToList();
            if (windows.Count == 1 && !windows[0].IsIrreducible)
            {
                pieces.Add(group.Key);
                continue;
            }

            Check(windows.All(w => w.IsIrreducible), () => $"{group.Key} shared by windows that are not key slices");
            var modulus = windows[0].KeySplit!.Value.Modulus;
            Assert.All(windows, w => Assert.Equal(modulus, w.KeySplit!.Value.Modulus));
            Assert.Equal(Enumerable.Range(0, modulus), windows.Select(w => w.KeySplit!.Value.Remainder).Order());
            Assert.Equal(1, group.Key.Length);
            pieces.Add(group.Key);
        }

        foreach (var empty in plan.EmptySpans)
        {
            Assert.False(empty.IsEmpty);
            Assert.Equal(0, truth.Sum(empty).Rows);
            pieces.Add(empty);
        }

        // Tiling: sorted pieces run from the gap's start to its end, each starting where the last ended.
        pieces.Sort();
        var at = gap.Start;
        foreach (var piece in pieces)
        {
            Check(piece.Start == at, () => $"gap {gap}: piece {piece} should start at {Interval.FormatTicks(at)}");
            at = piece.End;
        }

        Assert.Equal(gap.End, at);

        foreach (var window in plan.Windows)
        {
            Check(window.EstimatedRows > 0, () => $"window {window.Span} planned over time without rows");
            var (rows, bytes) = truth.Sum(window.Span);
            if (window.IsIrreducible)
            {
                Check(rows > limits.MaxRows || bytes > limits.MaxBytes, () => $"instant {window.Span} split by key though within limits");
                Check(window.EstimatedRows <= limits.MaxRows && window.EstimatedBytes <= limits.MaxBytes, () => $"key slice of {window.Span} expected over a limit");
                Assert.Contains(window.StartReason, IsolatingReasons(BoundaryReason.GapStart));
                Assert.Contains(window.EndReason, IsolatingReasons(BoundaryReason.GapEnd));
            }
            else
            {
                Check(rows <= limits.MaxRows, () => $"window {window.Span} holds {rows} rows > {limits.MaxRows}");
                Check(bytes <= limits.MaxBytes, () => $"window {window.Span} holds {bytes} bytes > {limits.MaxBytes}");
                // Estimates may exceed the truth (a bin straddling checkpointed time), never fall short.
                Check(window.EstimatedRows >= rows && window.EstimatedBytes >= bytes, () => $"window {window.Span} underestimated");
            }

            if (done is not null)
            {
                Check(done.Intersect(window.Span).IsEmpty, () => $"window {window.Span} lies on checkpointed time");
            }
        }

        // No window closed at a limit could have taken its successor whole.
        var ordinary = plan.Windows.Where(w => !w.IsIrreducible).ToList();
        for (var i = 0; i + 1 < ordinary.Count; i++)
        {
            var (a, b) = (ordinary[i], ordinary[i + 1]);
            if (a.Span.End == b.Span.Start && a.EndReason is BoundaryReason.RowLimit or BoundaryReason.ByteLimit && b.EndReason != BoundaryReason.Balance)
            {
                Check(
                    a.EstimatedRows + b.EstimatedRows > limits.MaxRows || a.EstimatedBytes + b.EstimatedBytes > limits.MaxBytes,
                    () => $"windows {a.Span} and {b.Span} were cut at a limit but fit together");
            }
        }
    }

    // Interpolated messages cost more than the checks; build them only on failure.
    private static void Check(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Assert.Fail(message());
        }
    }

    private static BoundaryReason[] IsolatingReasons(BoundaryReason edge) =>
        [BoundaryReason.Instant, BoundaryReason.EmptyStretch, edge];
}
