using System.Globalization;
using System.Text.Json;
using LogIngest.Core.Model;
using LogIngest.Local.Simulation;

namespace LogIngest.Benchmarks;

/// <summary>Rows as newline-delimited JSON objects: the input the DuckDB peers convert.</summary>
internal static class NdJson
{
    /// <summary>Writes each row of <paramref name="batch"/> as one line to <paramref name="file"/> through <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json, Stream file, LogBatch batch)
    {
        for (var row = 0; row < batch.RowCount; row++)
        {
            json.WriteStartObject();
            foreach (var column in batch.Columns)
            {
                switch (column.GetValue(row))
                {
                    case null: json.WriteNull(column.Name); break;
                    case string text: json.WriteString(column.Name, text); break;
                    case DateTime time: json.WriteString(column.Name, time.ToString("O", CultureInfo.InvariantCulture)); break;
                    case int n: json.WriteNumber(column.Name, n); break;
                    case long n: json.WriteNumber(column.Name, n); break;
                    case double d: json.WriteNumber(column.Name, d); break;
                    case bool b: json.WriteBoolean(column.Name, b); break;
                }
            }

            json.WriteEndObject();
            json.Flush();
            file.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    /// <summary>
    /// The peer of a load over <paramref name="range"/> of OfficeActivity: the rows as NDJSON (written
    /// untimed, a day per query so no query of the simulator holds more), then DuckDB's conversion to
    /// snappy Parquet, timed; answers its wall and CPU seconds, the Parquet file's size and the NDJSON's size.
    /// </summary>
    public static async Task<(double Seconds, double CpuSeconds, long Bytes, long InputBytes)> DuckDbConvertAsync(SimulatedWorkspace workspace, Interval range, string folder, long rows)
    {
        var input = Path.Combine(folder, "peer.ndjson");
        var output = Path.Combine(folder, "peer.parquet");
        await using (var file = File.Create(input))
        await using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true }))
        {
            for (var day = range.Start; day < range.End; day += TimeSpan.TicksPerDay)
            {
                await foreach (var batch in workspace.QueryAsync(new LogWindowQuery("OfficeActivity", TimeAxis.TimeGenerated, new Interval(day, Math.Min(range.End, day + TimeSpan.TicksPerDay)))))
                {
                    Write(json, file, batch);
                }
            }
        }

        var (seconds, cpu, bytes) = DuckDbPeer.NdJsonToParquet(input, output, rows);
        return (seconds, cpu, bytes, new FileInfo(input).Length);
    }
}
