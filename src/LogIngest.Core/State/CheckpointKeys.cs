using System.Globalization;
using LogIngest.Core.Model;

namespace LogIngest.Core.State;

/// <summary>Stable document keys for checkpoint records, shared by every state store.</summary>
public static class CheckpointKeys
{
    /// <summary><c>{t|i}-{startTicks}-{endTicks}[-k{r}of{m}]</c>; t = TimeGenerated, i = ingestion time.</summary>
    public static string WindowKey(TimeAxis axis, Interval window, KeySplit? split)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{AxisTag(axis)}-{window.Start}-{window.End}");
        return split is { } s ? key + "-" + s.ToString() : key;
    }

    /// <summary>The key of the compacted coverage document of one axis, e.g. <c>coverage-t</c>.</summary>
    public static string CoverageKey(TimeAxis axis) => "coverage-" + AxisTag(axis);

    private static string AxisTag(TimeAxis axis) => axis == TimeAxis.IngestionTime ? "i" : "t";
}
