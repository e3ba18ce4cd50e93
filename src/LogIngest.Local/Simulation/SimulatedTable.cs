using LogIngest.Core.Model;

namespace LogIngest.Local.Simulation;

/// <summary>A table's schema and how one row's values follow from its key.</summary>
internal abstract class SimulatedTable
{
    public abstract string Name { get; }

    /// <summary>Column names and types in result order.</summary>
    public abstract IReadOnlyList<(string Name, LogColumnType Type)> Schema { get; }

    /// <summary>Typical <c>estimate_data_size</c> of a row; a cell's rows vary around it.</summary>
    public abstract int TypicalRowBytes { get; }

    /// <summary>Appends one row to <paramref name="columns"/> (in <see cref="Schema"/> order). Values depend only on the key and time.</summary>
    public abstract void AppendRow(LogColumn[] columns, ulong rowKey, long timeGenerated);

    public LogColumn[] NewColumns(int capacity)
    {
        var columns = new LogColumn[Schema.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new LogColumn(Schema[i].Name, Schema[i].Type, capacity);
        }

        return columns;
    }

    /// <summary>The row's <c>_ItemId</c> as two halves; key splits hash these.</summary>
    public static (ulong Hi, ulong Lo) ItemId(ulong rowKey) => (SimHash.Of(rowKey, 11), SimHash.Of(rowKey, 12));

    public static string ItemIdText(ulong rowKey)
    {
        var (hi, lo) = ItemId(rowKey);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, hi);
        BitConverter.TryWriteBytes(bytes[8..], lo);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 shape, as service ids look
        return new Guid(bytes).ToString("D");
    }

    /// <summary>The simulated counterpart of KQL <c>hash(_ItemId, modulus)</c>.</summary>
    public static int ItemHash(ulong rowKey, int modulus)
    {
        var (hi, lo) = ItemId(rowKey);
        return (int)(SimHash.Of(hi, lo) % (ulong)modulus);
    }
}
