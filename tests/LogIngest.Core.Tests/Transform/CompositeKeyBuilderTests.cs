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
    public void Next_IdenticalRows_SameHashAndIncreasingOccurrence()
    {
        var batch = Rows.Batch(Schema, [T0, "id-1", "Read"], [T0, "id-1", "Read"], [T0, "id-2", "Read"]);
        var keys = Keys(batch, null);
        Assert.Equal(keys[0][..32], keys[1][..32]);
        Assert.EndsWith("_0", keys[0], StringComparison.Ordinal);
        Assert.EndsWith("_1", keys[1], StringComparison.Ordinal);
        Assert.EndsWith("_0", keys[2], StringComparison.Ordinal);
        Assert.NotEqual(keys[0][..32], keys[2][..32]);
        Assert.Matches("^[0-9a-f]{32}_[0-9]+$", keys[0]);
    }

    [Fact]
    public void Next_RowsSplitAcrossBatchesOrReordered_SameKeySet()
    {
        object?[][] rows = [[T0, "id-1", "Read"], [T0, "id-1", "Read"], [T0.AddMinutes(1), "id-3", "Write"], [T0, "id-1", "Read"]];
        var whole = Keys(Rows.Batch(Schema, rows), null);

        // Same rows in a different order and different batch boundaries.
        var reordered = rows.Reverse().ToArray();
        var builder = new CompositeKeyBuilder(Rows.Batch(Schema).Columns, null);
        var pieces = new List<string>();
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

    private static List<string> Keys(LogBatch batch, CompositeKeyBuilder? shared, KeySplit? split = null)
    {
        var builder = shared ?? new CompositeKeyBuilder(batch.Columns, split);
        var keys = new List<string>();
        var hash = new byte[CompositeKeyBuilder.KeyBytes];
        for (var row = 0; row < batch.RowCount; row++)
        {
            var encoded = new ArrayBufferWriter<byte>();
            CanonicalRow.WriteRow(batch.Columns, row, encoded);
            var n = builder.Next(encoded.WrittenSpan, hash);
            keys.Add(CompositeKeyBuilder.Format(hash, n));
        }

        return keys;
    }
}
