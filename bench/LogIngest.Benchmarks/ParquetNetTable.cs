using System.Diagnostics;
using Parquet;
using Parquet.Schema;

namespace LogIngest.Benchmarks;

/// <summary>The `parquet` benchmark's rows in Parquet.Net's own input form, written as one row group (snappy, its default).</summary>
internal sealed class ParquetNetTable
{
    private static readonly ParquetSchema Schema = new(
        new DataField<string>("operation", true),
        new DataField<long?>("bytes"),
        new DataField<double?>("duration"),
        new DataField<bool?>("success"),
        new DateTimeDataField("time_generated", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true));

    private readonly ReadOnlyMemory<char>?[] _operations;
    private readonly long?[] _bytes;
    private readonly double?[] _durations;
    private readonly bool?[] _successes;
    private readonly DateTime?[] _times;

    private ParquetNetTable(LogTable table)
    {
        _operations = [.. table.Operations.Select(o => o is null ? (ReadOnlyMemory<char>?)null : o.AsMemory())];
        _bytes = table.Bytes;
        _durations = table.Durations;
        _successes = table.Successes;
        _times = [.. table.Micros.Select(m => m is { } v ? DateTime.UnixEpoch.AddTicks(v * 10) : (DateTime?)null)];
    }

    public static ParquetNetTable From(LogTable table) => new(table);

    /// <summary>Writes the file; returns the milliseconds it took.</summary>
    public async Task<double> WriteAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        var fields = Schema.GetDataFields();
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
        await using (var writer = await ParquetWriter.CreateAsync(Schema, file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<ReadOnlyMemory<char>>(fields[0], _operations.AsMemory());
            await group.WriteAsync<long>(fields[1], _bytes.AsMemory());
            await group.WriteAsync<double>(fields[2], _durations.AsMemory());
            await group.WriteAsync<bool>(fields[3], _successes.AsMemory());
            await group.WriteAsync<DateTime>(fields[4], _times.AsMemory());
        }

        return watch.Elapsed.TotalMilliseconds;
    }
}
