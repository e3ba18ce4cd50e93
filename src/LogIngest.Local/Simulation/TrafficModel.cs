using System.Collections.Concurrent;

namespace LogIngest.Local.Simulation;

/// <summary>
/// How many rows a table has per one-minute cell, when each row happened and when it arrived, all as
/// pure functions of (seed, table, cell, row index). Per-day prefix sums of the cell counts answer
/// counts over whole cells without generating a row; only cells cut by a window edge, or near "now"
/// or the lag horizon, have their rows' times generated.
/// </summary>
internal sealed class TrafficModel
{
    public const long CellTicks = TimeSpan.TicksPerMinute;
    private const int CellsPerDay = 1440;
    private static readonly long MinLagTicks = TimeSpan.FromSeconds(20).Ticks;

    private readonly ulong _tableKey;
    private readonly double _perCell;
    private readonly int _sameInstantRows;
    private readonly long _firstCell;
    private readonly ConcurrentDictionary<long, long[]> _dayPrefix = new();

    public TrafficModel(SimulatedTable table, long seed, long rowsPerDay, int sameInstantRows, long dataStartTicks, long maxLagTicks)
    {
        Table = table;
        _tableKey = SimHash.Of(unchecked((ulong)seed), SimHash.OfText(table.Name));
        _perCell = rowsPerDay / (double)CellsPerDay;
        _sameInstantRows = sameInstantRows;
        _firstCell = (dataStartTicks + CellTicks - 1) / CellTicks;
        MaxLagTicks = maxLagTicks;
    }

    public SimulatedTable Table { get; }

    public long MaxLagTicks { get; }

    public long MinLag => Math.Min(MinLagTicks, MaxLagTicks);

    public static long CellOf(long ticks) => ticks / CellTicks;

    public Cell GetCell(long cell)
    {
        var key = SimHash.Of(_tableKey, cell);
        if (cell < _firstCell || _perCell <= 0)
        {
            return new Cell(cell, key, 0, 0, 0, Table.TypicalRowBytes);
        }

        var start = new DateTime(cell * CellTicks, DateTimeKind.Utc);
        var hours = start.TimeOfDay.TotalHours;
        var diurnal = 1 + (0.6 * Math.Cos(2 * Math.PI * (hours - 14) / 24)); // busiest mid-afternoon UTC
        var weekday = start.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.55 : 1.18; // averages 1 over a week
        var noise = 0.8 + (0.4 * SimHash.Unit(SimHash.Of(key, 1)));
        var hourKey = SimHash.Of(_tableKey, (cell / 60) + 0x5A5A_0000_0000L);
        var burstStart = (long)(hourKey % 50);
        var burst = SimHash.Unit(SimHash.Of(hourKey, 2)) < 0.04 && cell % 60 >= burstStart && cell % 60 < burstStart + 10 ? 6.0 : 1.0;
        var expected = _perCell * diurnal * weekday * noise * burst;
        var baseCount = (int)Math.Floor(expected + SimHash.Unit(SimHash.Of(key, 2)));

        var extra = 0;
        long burstTick = 0;
        if (_sameInstantRows > 0)
        {
            var day = cell / CellsPerDay;
            var dayKey = SimHash.Of(_tableKey, day + 0x0DA7_0000_0000L);
            if (cell == (day * CellsPerDay) + (long)(dayKey % CellsPerDay))
            {
                extra = _sameInstantRows;
                burstTick = (cell * CellTicks) + (long)(SimHash.Mix(dayKey) % (ulong)CellTicks);
            }
        }

        var rowBytes = Table.TypicalRowBytes + (int)(SimHash.Of(key, 3) % (ulong)(Table.TypicalRowBytes / 4));
        return new Cell(cell, key, baseCount, extra, burstTick, rowBytes);
    }

    /// <summary>Rows and estimated bytes of cells <c>[from, to)</c>, from cached per-day prefix sums.</summary>
    public (long Rows, long Bytes) SumCells(long from, long to)
    {
        long rows = 0, bytes = 0;
        var cell = from;
        while (cell < to)
        {
            var day = cell / CellsPerDay;
            var prefix = _dayPrefix.GetOrAdd(day, BuildDay);
            var first = (int)(cell - (day * CellsPerDay));
            var last = (int)Math.Min(CellsPerDay, to - (day * CellsPerDay));
            rows += prefix[last] - prefix[first];
            bytes += prefix[CellsPerDay + 1 + last] - prefix[CellsPerDay + 1 + first];
            cell = (day * CellsPerDay) + last;
        }

        return (rows, bytes);
    }

    /// <summary>The key of row <paramref name="index"/> of a cell.</summary>
    public static ulong RowKey(in Cell cell, int index) => SimHash.Of(cell.Key, (ulong)index + 1000);

    public static long RowTime(in Cell cell, int index, ulong rowKey) =>
        index < cell.BaseCount ? (cell.Index * CellTicks) + (long)(rowKey % (ulong)CellTicks) : cell.BurstTick;

    /// <summary>When the row arrived: minutes after it happened for most rows, hours for a few, never more than the cap.</summary>
    public long IngestionTime(ulong rowKey, long timeGenerated)
    {
        var u = SimHash.Unit(SimHash.Of(rowKey, 77));
        var v = SimHash.Unit(SimHash.Of(rowKey, 78));
        var seconds = u switch
        {
            < 0.85 => 20 + (280 * v * v),
            < 0.98 => 300 + (3300 * v),
            < 0.998 => 3600 + (5 * 3600 * v),
            _ => 6 * 3600 + (18 * 3600 * v),
        };
        return timeGenerated + Math.Min((long)(seconds * TimeSpan.TicksPerSecond), MaxLagTicks);
    }

    private long[] BuildDay(long day)
    {
        // [0..1440] row prefix, then [1441..2881] byte prefix.
        var prefix = new long[2 * (CellsPerDay + 1)];
        for (var i = 0; i < CellsPerDay; i++)
        {
            var cell = GetCell((day * CellsPerDay) + i);
            prefix[i + 1] = prefix[i] + cell.Count;
            prefix[CellsPerDay + 2 + i] = prefix[CellsPerDay + 1 + i] + ((long)cell.Count * cell.RowBytes);
        }

        return prefix;
    }

    internal readonly record struct Cell(long Index, ulong Key, int BaseCount, int Extra, long BurstTick, int RowBytes)
    {
        public int Count => BaseCount + Extra;

        public long Start => Index * CellTicks;

        public long End => Start + CellTicks;
    }
}
