using System.Buffers;
using LogIngest.Core.Model;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Tests.Transform;

public class CompositeKeyBuilderTests
{
    private static readonly (string, LogColumnType)[] Schema =
        [("TimeGenerated", LogColumnType.DateTime), ("_ItemId", LogColumnType.Guid), ("Operation", LogColumnType.String)];

    private static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Next_IdenticalRows_KeysFollowTheFirstCopysKey()
    {
        var batch = Rows.Batch(Schema, [T0, "id-1", "Read"], [T0, "id-1", "Read"], [T0, "id-2", "Read"], [T0, "id-1", "Read"]);
        var keys = Keys(batch, null);
        Assert.Equal(keys[0] + 1, keys[1]);
        Assert.Equal(keys[0] + 2, keys[3]);
        Assert.NotEqual(keys[0], keys[2]);

        // A row identical to no other gets the same key in any result that holds it.
        Assert.Equal(keys[2], Keys(Rows.Batch(Schema, [T0, "id-2", "Read"]), null)[0]);
        Assert.Equal(keys[0], Keys(Rows.Batch(Schema, [T0, "id-1", "Read"]), null)[0]);
    }

    [Fact]
    public void Next_RowsDifferingInOneValueOrInNullVersusEmpty_DifferentKeys()
    {
        var keys = Keys(Rows.Batch(Schema, [T0, "id-1", "Read"], [T0, "id-1", "read"], [T0, "id-1", ""], [T0, "id-1", null], [T0.AddTicks(1), "id-1", "Read"]), null);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Next_RowsSplitAcrossBatchesOrReordered_SameKeySet()
    {
        object?[][] rows = [[T0, "id-1", "Read"], [T0, "id-1", "Read"], [T0.AddMinutes(1), "id-3", "Write"], [T0, "id-1", "Read"]];
        var whole = Keys(Rows.Batch(Schema, rows), null);

        // Same rows in a different order and different batch boundaries.
        var reordered = rows.Reverse().ToArray();
        var builder = new CompositeKeyBuilder(Rows.Batch(Schema).Columns, null);
        var pieces = new List<long>();
        pieces.AddRange(Keys(Rows.Batch(Schema, reordered[..1]), builder));
        pieces.AddRange(Keys(Rows.Batch(Schema, reordered[1..]), builder));

        Assert.Equal(whole.Order(), pieces.Order());
    }

    [Fact]
    public void Next_WindowCutInTwoByTime_KeysEqualThoseOfTheWholeWindow()
    {
        // Identical rows share TimeGenerated, so a finer time cut keeps them together: keys do not change.
        object?[][] early = [[T0, "id-1", "Read"], [T0, "id-1", "Read"]];
        object?[][] late = [[T0.AddHours(1), "id-1", "Read"]];
        var whole = Keys(Rows.Batch(Schema, [.. early, .. late]), null);
        var cut = Keys(Rows.Batch(Schema, early), null).Concat(Keys(Rows.Batch(Schema, late), null));
        Assert.Equal(whole.Order(), cut.Order());
    }

    [Fact]
    public void Next_KeySplitWithItemId_KeysAsIfUnsplit()
    {
        var batch = Rows.Batch(Schema, [T0, "id-1", "Read"], [T0, "id-1", "Read"]);
        Assert.Equal(Keys(batch, null), Keys(batch, null, new KeySplit(4, 3)));
    }

    [Fact]
    public void Next_KeySplitWithoutItemId_OccurrencesUniqueAcrossSlices()
    {
        // The filter dropped _ItemId: identical rows can sit in different slices of one split.
        (string, LogColumnType)[] schema = [("TimeGenerated", LogColumnType.DateTime), ("Operation", LogColumnType.String)];
        var batch = Rows.Batch(schema, [T0, "Read"], [T0, "Read"]);
        var all = Enumerable.Range(0, 3).SelectMany(r => Keys(batch, null, new KeySplit(3, r))).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    private static List<long> Keys(LogBatch batch, CompositeKeyBuilder? shared, KeySplit? split = null)
    {
        var builder = shared ?? new CompositeKeyBuilder(batch.Columns, split);
        var keys = new List<long>();
        for (var row = 0; row < batch.RowCount; row++)
        {
            var encoded = new ArrayBufferWriter<byte>();
            CanonicalRow.WriteRow(batch.Columns, row, encoded);
            keys.Add(builder.Next(encoded.WrittenSpan));
        }

        return keys;
    }
}
