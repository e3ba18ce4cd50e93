using System.Runtime.CompilerServices;
using LogIngest.Core.Capacity;
using LogIngest.Core.Kql;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;

namespace LogIngest.Local.Simulation;

/// <summary>
/// A deterministic, seeded Log Analytics workspace with <c>OfficeActivity</c> (wide) and
/// <c>Heartbeat</c> (narrow). Rows are pure functions of (seed, table, minute cell, index), so the
/// same window always returns the same rows, a window's rows are exactly the union of its
/// sub-windows' rows, and counts over whole minutes come from cached prefix sums without generating
/// a row. A row is visible once its ingestion time is at or before the clock's now: advance the
/// <see cref="TimeProvider"/> to let late rows arrive. Serve it over HTTP with
/// <see cref="SimulatedLogAnalyticsServer"/>.
/// </summary>
public sealed class SimulatedWorkspace : ILogSource
{
    private readonly Dictionary<string, TrafficModel> _tables;

    public SimulatedWorkspace(SimulatedWorkspaceOptions? options = null, TimeProvider? clock = null)
    {
        Options = options ?? new SimulatedWorkspaceOptions();
        Options.Validate();
        Clock = clock ?? TimeProvider.System;
        Latency = Options.Latency;
        var maxLag = Options.MaxIngestionLag.Ticks;
        var start = Options.DataStart.UtcTicks;
        var burst = Options.SameInstantRows ?? (int)Math.Clamp(Options.OfficeActivityRowsPerDay / 20, 1_000, 5_000);
        _tables = new Dictionary<string, TrafficModel>(StringComparer.Ordinal)
        {
            [OfficeActivityTable.TableName] = new(new OfficeActivityTable(Options.Seed), Options.Seed, Options.OfficeActivityRowsPerDay, burst, start, maxLag),
            [HeartbeatTable.TableName] = new(new HeartbeatTable(Options.Seed), Options.Seed, Options.HeartbeatRowsPerDay, 0, start, maxLag),
        };
    }

    // The same rows answered with another latency (the traffic models and their caches are shared).
    private SimulatedWorkspace(SimulatedWorkspace rows, QueryCostModel latency)
    {
        Options = rows.Options;
        Clock = rows.Clock;
        Latency = latency;
        _tables = rows._tables;
    }

    public SimulatedWorkspaceOptions Options { get; }

    /// <summary>What each query sleeps (<see cref="SimulatedWorkspaceOptions.Latency"/>).</summary>
    public QueryCostModel Latency { get; }

    /// <summary>
    /// This workspace's rows answered with <paramref name="latency"/> instead: the capacity planner asks
    /// its histograms of an instant view and charges the latency in virtual time.
    /// </summary>
    public SimulatedWorkspace WithLatency(QueryCostModel latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        return new SimulatedWorkspace(this, latency);
    }

    public TimeProvider Clock { get; }

    /// <summary><c>OfficeActivity</c> and <c>Heartbeat</c>.</summary>
    public IReadOnlyCollection<string> Tables => _tables.Keys;

    /// <summary>The column names and types a table's results carry, in order.</summary>
    public IReadOnlyList<(string Name, LogColumnType Type)> SchemaOf(string table) => Model(table).Table.Schema;

    public async Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var model = Model(query.Table);
        var filter = FilterOf(query.Filter, model);
        var rows = Measure(model, query, filter, Now, cancellationToken).Rows;
        await SleepAsync(Latency.Latency(QueryKind.Count, rows), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public async Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var model = Model(query.Table);
        var filter = FilterOf(query.Filter, model);
        if (query.Bin <= TimeSpan.Zero)
        {
            throw new LogIngestException(ErrorCodes.QueryRejected, $"Histogram bin must be positive, not {query.Bin}.");
        }

        var bins = Histogram(model, query, filter, Now, cancellationToken);
        await SleepAsync(Latency.Latency(QueryKind.Histogram, bins.Sum(b => b.Rows)), cancellationToken).ConfigureAwait(false);
        return bins;
    }

    public async IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scan = StartScan(query);
        await SleepAsync(Latency.Latency(QueryKind.Window, 0), cancellationToken).ConfigureAwait(false);
        long rows = 0, bytes = 0;
        foreach (var (batch, batchBytes) in scan.Batches(cancellationToken))
        {
            await SleepAsync(Latency.ForRows(QueryKind.Window, batch.RowCount), cancellationToken).ConfigureAwait(false);
            // Cut like the service: at most MaxResultRows rows and MaxResultBytes bytes, then say so.
            var keep = batch.RowCount;
            var truncated = false;
            if (rows + keep > Options.MaxResultRows)
            {
                keep = (int)(Options.MaxResultRows - rows);
                truncated = true;
            }

            var perRow = batch.RowCount == 0 ? 0 : batchBytes / batch.RowCount;
            if (perRow > 0 && bytes + (keep * perRow) > Options.MaxResultBytes)
            {
                keep = (int)Math.Max(0, (Options.MaxResultBytes - bytes) / perRow);
                truncated = true;
            }

            if (keep > 0)
            {
                yield return keep == batch.RowCount ? batch : Slice(batch, keep);
            }

            rows += keep;
            bytes += keep * perRow;
            if (truncated)
            {
                throw new LogIngestException(ErrorCodes.ResultTruncated,
                    $"Result of {query.Table} {query.Window} was truncated at {rows} rows / {bytes} bytes (limits {Options.MaxResultRows} rows, {Options.MaxResultBytes} bytes); split the window.");
            }

            await Task.Yield();
        }
    }

    internal long Now => Clock.GetUtcNow().UtcTicks;

    /// <summary>Sleeps a part of <see cref="Latency"/> for real (the HTTP face calls it for the rows it streams).</summary>
    internal static Task SleepAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;

    /// <summary>Checks the query against this workspace (table, filter) and prepares its scan; throws C302/C303 like the service.</summary>
    internal Scan StartScan(LogWindowQuery query)
    {
        var model = Model(query.Table);
        var filter = FilterOf(query.Filter, model);
        return new Scan(this, model, query, filter, Now);
    }

    private TrafficModel Model(string table) =>
        _tables.TryGetValue(table ?? string.Empty, out var model)
            ? model
            : throw new LogIngestException(ErrorCodes.UnknownTable,
                $"'where' operator: Failed to resolve table or column expression named '{table}' (the simulated workspace has {string.Join(", ", _tables.Keys)}).");

    private static SimulatedFilter? FilterOf(string? text, TrafficModel model)
    {
        if (KqlValidation.CheckFilter(text) is { } problem)
        {
            throw new LogIngestException(ErrorCodes.QueryRejected, "Filter " + problem + ".");
        }

        var filter = SimulatedFilter.Parse(text, model.Table.Schema, out var error);
        return error is null ? filter : throw new LogIngestException(ErrorCodes.QueryRejected, "Filter: " + error + ".");
    }

    private static LogBatch Slice(LogBatch batch, int rows)
    {
        var columns = new LogColumn[batch.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = CopyRows(batch.Columns[c], rows);
        }

        return new LogBatch(columns);
    }

    private static LogColumn CopyRows(LogColumn source, int rows)
    {
        var copy = new LogColumn(source.Name, source.Type, rows);
        for (var r = 0; r < rows; r++)
        {
            CopyValue(source, r, copy);
        }

        return copy;
    }

    internal static void CopyValue(LogColumn source, int row, LogColumn target)
    {
        if (source.IsNull(row))
        {
            target.AppendNull();
            return;
        }

        switch (source.Kind)
        {
            case LogValueKind.Text: target.AppendText(source.GetText(row)); break;
            case LogValueKind.Int32: target.AppendInt32(source.GetInt32(row)); break;
            case LogValueKind.Int64: target.AppendInt64(source.GetInt64(row)); break;
            case LogValueKind.Double: target.AppendDouble(source.GetDouble(row)); break;
            default: target.AppendBoolean(source.GetBoolean(row)); break;
        }
    }

    private static (long Rows, long Bytes) Measure(TrafficModel model, LogWindowQuery query, SimulatedFilter? filter, long now, CancellationToken cancellationToken)
    {
        var window = query.Window;
        if (window.IsEmpty)
        {
            return (0, 0);
        }

        if (query.Split is not null || filter is { HasConditions: true })
        {
            long rows = 0, bytes = 0;
            foreach (var batchRow in new Scan(null, model, query, filter, now).Rows(cancellationToken))
            {
                rows++;
                bytes += batchRow.Bytes;
            }

            return (rows, bytes);
        }

        return query.Axis == TimeAxis.TimeGenerated
            ? MeasureEventTime(model, window.Start, window.End, now)
            : MeasureIngestionTime(model, window.Start, window.End, now);
    }

    // Whole cells that are entirely in the window and entirely arrived come from prefix sums; the
    // cells cut by the window's edges or still receiving late rows are generated.
    private static (long Rows, long Bytes) MeasureEventTime(TrafficModel model, long a, long b, long now)
    {
        const long ct = TrafficModel.CellTicks;
        var firstCell = a / ct;
        var endCell = ((b - 1) / ct) + 1;
        var firstFull = (a + ct - 1) / ct;
        var endFull = b / ct;
        var arrivedEnd = Math.Max(0, (now - model.MaxLagTicks + 1) / ct); // cells before it have every row arrived
        var visibleEnd = Math.Min(endCell, (now / ct) + 1);                 // cells from here on have none
        long rows = 0, bytes = 0;
        var fastEnd = Math.Min(endFull, arrivedEnd);
        if (firstFull < fastEnd)
        {
            (rows, bytes) = model.SumCells(firstFull, fastEnd);
        }

        for (var cell = firstCell; cell < visibleEnd; cell++)
        {
            if (cell >= firstFull && cell < fastEnd)
            {
                cell = fastEnd - 1;
                continue;
            }

            var (r, y) = CountCell(model, model.GetCell(cell), TimeAxis.TimeGenerated, a, b, now);
            rows += r;
            bytes += y;
        }

        return (rows, bytes);
    }

    private static (long Rows, long Bytes) MeasureIngestionTime(TrafficModel model, long a, long b, long now)
    {
        const long ct = TrafficModel.CellTicks;
        var firstCell = Math.Max(0, a - model.MaxLagTicks) / ct;
        var endCell = Math.Min((b - 1) / ct, now / ct) + 1;
        long rows = 0, bytes = 0;
        for (var index = firstCell; index < endCell; index++)
        {
            var cell = model.GetCell(index);
            if (cell.Count == 0)
            {
                continue;
            }

            var earliest = cell.Start + model.MinLag;
            var latest = cell.End - 1 + model.MaxLagTicks;
            if (earliest >= a && latest < b && latest <= now)
            {
                rows += cell.Count;
                bytes += (long)cell.Count * cell.RowBytes;
            }
            else if (latest >= a && earliest < b)
            {
                var (r, y) = CountCell(model, cell, TimeAxis.IngestionTime, a, b, now);
                rows += r;
                bytes += y;
            }
        }

        return (rows, bytes);
    }

    private static (long Rows, long Bytes) CountCell(TrafficModel model, in TrafficModel.Cell cell, TimeAxis axis, long a, long b, long now)
    {
        long rows = 0;
        for (var i = 0; i < cell.Count; i++)
        {
            var key = TrafficModel.RowKey(cell, i);
            var time = TrafficModel.RowTime(cell, i, key);
            var ingested = model.IngestionTime(key, time);
            var axisTime = axis == TimeAxis.TimeGenerated ? time : ingested;
            if (axisTime >= a && axisTime < b && ingested <= now)
            {
                rows++;
            }
        }

        return (rows, rows * cell.RowBytes);
    }

    private static List<HistogramBin> Histogram(TrafficModel model, LogHistogramQuery query, SimulatedFilter? filter, long now, CancellationToken cancellationToken)
    {
        var range = query.Range;
        var bin = query.Bin.Ticks;
        var result = new List<HistogramBin>();
        if (range.IsEmpty)
        {
            return result;
        }

        var window = query.AsWindow();
        var binCount = ((range.Length - 1) / bin) + 1;
        var simple = query.Split is null && filter is not { HasConditions: true };
        if (simple && query.Axis == TimeAxis.TimeGenerated && bin >= TrafficModel.CellTicks && binCount <= 4_000_000)
        {
            for (long k = 0; k < binCount; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = range.Start + (k * bin);
                var end = Math.Min(range.End, start + bin);
                var (rows, bytes) = MeasureEventTime(model, start, end, now);
                if (rows > 0)
                {
                    result.Add(new HistogramBin(new Interval(start, end), rows, bytes));
                }
            }

            return result;
        }

        // Fine bins, the arrival axis, splits and filters: generate the range's rows and bucket them.
        var buckets = new Dictionary<long, (long Rows, long Bytes)>();
        foreach (var row in new Scan(null, model, window, filter, now).Rows(cancellationToken))
        {
            var k = (row.AxisTime - range.Start) / bin;
            buckets.TryGetValue(k, out var sum);
            buckets[k] = (sum.Rows + 1, sum.Bytes + row.Bytes);
        }

        foreach (var k in buckets.Keys.Order())
        {
            var start = range.Start + (k * bin);
            result.Add(new HistogramBin(new Interval(start, Math.Min(range.End, start + bin)), buckets[k].Rows, buckets[k].Bytes));
        }

        return result;
    }

    /// <summary>One query's walk over the model: candidate rows in cell order, then materialized batches.</summary>
    internal sealed class Scan(SimulatedWorkspace? owner, TrafficModel model, LogWindowQuery query, SimulatedFilter? filter, long now)
    {
        public IReadOnlyList<(string Name, LogColumnType Type)> OutputSchema =>
            [.. model.Table.Schema.Where(c => filter is null || filter.Keeps(c.Name))];

        public IEnumerable<ScanRow> Rows(CancellationToken cancellationToken)
        {
            if (filter is not { HasConditions: true })
            {
                foreach (var row in Candidates(cancellationToken))
                {
                    yield return row;
                }

                yield break;
            }

            // Conditions need the values: materialize candidates in chunks, keep those that match.
            var chunk = new List<ScanRow>(1024);
            foreach (var row in Candidates(cancellationToken))
            {
                chunk.Add(row);
                if (chunk.Count == chunk.Capacity)
                {
                    foreach (var kept in KeepMatching(chunk))
                    {
                        yield return kept;
                    }

                    chunk.Clear();
                }
            }

            foreach (var kept in KeepMatching(chunk))
            {
                yield return kept;
            }
        }

        /// <summary>The window's rows as batches of <see cref="SimulatedWorkspaceOptions.BatchRows"/>, each with its estimated bytes.</summary>
        public IEnumerable<(LogBatch Batch, long Bytes)> Batches(CancellationToken cancellationToken)
        {
            var size = owner?.Options.BatchRows ?? 4096;
            var columns = model.Table.NewColumns(size);
            long bytes = 0;
            foreach (var row in Rows(cancellationToken))
            {
                model.Table.AppendRow(columns, row.Key, row.Time);
                bytes += row.Bytes;
                if (columns[0].Count == size)
                {
                    yield return (Project(columns), bytes);
                    columns = model.Table.NewColumns(size);
                    bytes = 0;
                }
            }

            if (columns[0].Count > 0)
            {
                yield return (Project(columns), bytes);
            }
        }

        private LogBatch Project(LogColumn[] columns) =>
            new(filter is null ? columns : [.. columns.Where(c => filter.Keeps(c.Name))]);

        private List<ScanRow> KeepMatching(List<ScanRow> chunk)
        {
            var columns = model.Table.NewColumns(chunk.Count);
            foreach (var row in chunk)
            {
                model.Table.AppendRow(columns, row.Key, row.Time);
            }

            var kept = new List<ScanRow>(chunk.Count);
            for (var i = 0; i < chunk.Count; i++)
            {
                if (filter!.Matches(columns, i))
                {
                    kept.Add(chunk[i]);
                }
            }

            return kept;
        }

        private IEnumerable<ScanRow> Candidates(CancellationToken cancellationToken)
        {
            var window = query.Window;
            if (window.IsEmpty)
            {
                yield break;
            }

            const long ct = TrafficModel.CellTicks;
            var eventAxis = query.Axis == TimeAxis.TimeGenerated;
            var firstCell = (eventAxis ? window.Start : Math.Max(0, window.Start - model.MaxLagTicks)) / ct;
            var endCell = Math.Min((window.End - 1) / ct, now / ct) + 1;
            for (var index = firstCell; index < endCell; index++)
            {
                if ((index & 0xFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var cell = model.GetCell(index);
                if (!eventAxis && cell.End - 1 + model.MaxLagTicks < window.Start)
                {
                    continue;
                }

                for (var i = 0; i < cell.Count; i++)
                {
                    var key = TrafficModel.RowKey(cell, i);
                    var time = TrafficModel.RowTime(cell, i, key);
                    var ingested = model.IngestionTime(key, time);
                    var axisTime = eventAxis ? time : ingested;
                    if (axisTime < window.Start || axisTime >= window.End || ingested > now)
                    {
                        continue;
                    }

                    if (query.Split is { } split && SimulatedTable.ItemHash(key, split.Modulus) != split.Remainder)
                    {
                        continue;
                    }

                    yield return new ScanRow(key, time, axisTime, cell.RowBytes);
                }
            }
        }
    }

    internal readonly record struct ScanRow(ulong Key, long Time, long AxisTime, int Bytes);
}
