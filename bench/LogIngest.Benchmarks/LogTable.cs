using LogIngest.Parquet;

namespace LogIngest.Benchmarks;

/// <summary>
/// The `parquet` benchmark's rows, column by column, so each writer gets them in its own input form
/// (built untimed). Log-like values: a few hundred operation names, skewed sizes, durations with
/// 3 decimals, mostly-true flags, timestamps a few ms apart; ~5% nulls in every column.
/// </summary>
internal sealed class LogTable
{
    private LogTable(int rows)
    {
        Operations = new string?[rows];
        Bytes = new long?[rows];
        Durations = new double?[rows];
        Successes = new bool?[rows];
        Micros = new long?[rows];
    }

    public string?[] Operations { get; }

    public long?[] Bytes { get; }

    public double?[] Durations { get; }

    public bool?[] Successes { get; }

    /// <summary>Timestamps as microseconds since the Unix epoch.</summary>
    public long?[] Micros { get; }

    public int Rows => Operations.Length;

    public static LogTable Build(int rows)
    {
        string[] operations = Enumerable.Range(0, 400)
            .Select(i => $"{(i % 4 == 0 ? "FileAccessed" : i % 4 == 1 ? "UserLoggedIn" : i % 4 == 2 ? "MailItemsAccessed" : "Set-Mailbox")}/{i:D3}")
            .ToArray();
        var random = new Random(42);
        var table = new LogTable(rows);
        var micros = ParquetTimestampBuffer.ToUnixMicroseconds(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);
        for (var i = 0; i < rows; i++)
        {
            micros += random.Next(0, 5000);
            table.Operations[i] = random.Next(20) == 0 ? null : operations[(int)(Math.Pow(random.NextDouble(), 3) * operations.Length)];
            table.Bytes[i] = random.Next(20) == 0 ? null : (long)Math.Pow(2, random.NextDouble() * 30);
            table.Durations[i] = random.Next(20) == 0 ? null : Math.Round(random.NextDouble() * 2000, 3);
            table.Successes[i] = random.Next(20) == 0 ? null : random.Next(10) != 0;
            table.Micros[i] = random.Next(20) == 0 ? null : micros;
        }

        return table;
    }

    /// <summary>The rows as our writer's batches (strings already UTF-8 in the batch buffers).</summary>
    public List<ParquetBatch> ToBatches(ParquetSchema schema, int batchRows)
    {
        var batches = new List<ParquetBatch>();
        for (var first = 0; first < Rows; first += batchRows)
        {
            var count = Math.Min(batchRows, Rows - first);
            var batch = new ParquetBatch(schema, count);
            for (var i = first; i < first + count; i++)
            {
                batch.Strings(0).Append(Operations[i]);
                batch.Int64s(1).Append(Bytes[i]);
                batch.Doubles(2).Append(Durations[i]);
                batch.Booleans(3).Append(Successes[i]);
                batch.Timestamps(4).Append(Micros[i]);
            }

            batches.Add(batch);
        }

        return batches;
    }
}
