using System.Globalization;
using LogIngest.Core.Model;

namespace LogIngest.Core.Verification;

/// <summary>
/// What identifies a row in the lake: its <c>TimeGenerated</c> (as 100 ns ticks) and its 64-bit
/// <c>composite_key</c>. Two rows with the same identity are the same row written twice.
/// </summary>
public readonly record struct LakeRowKey(long TimeTicks, long Key)
{
    public override string ToString() =>
        TimeTicks is >= 0 and <= 3_155_378_975_999_999_999 // DateTime.MaxValue.Ticks
            ? string.Create(CultureInfo.InvariantCulture, $"{Interval.FormatTicks(TimeTicks)}/{Key}")
            : string.Create(CultureInfo.InvariantCulture, $"(no TimeGenerated)/{Key}");
}
