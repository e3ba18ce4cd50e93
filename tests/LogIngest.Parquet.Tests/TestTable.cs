using LogIngest.TestSupport.Streams;
using System.Globalization;
using System.Text.Json;

namespace LogIngest.Parquet.Tests;

/// <summary>A timestamp expected back from a reader, as microseconds since the Unix epoch.</summary>
public readonly record struct Micros(long Value);

/// <summary>Rows of boxed values for tests: written through the typed buffers, compared with what readers return.</summary>
public sealed record TestTable(ParquetSchema Schema, IReadOnlyList<object?[]> Rows)
{
    public async Task<long> WriteAsync(string path, ParquetWriterOptions? options = null, int batchSize = 1000)
    {
        await using var file = new ForwardOnlyStream(File.Create(path));
        await using var writer = await ParquetWriter.CreateAsync(Schema, file, options);
        var batch = new ParquetBatch(Schema);
        for (var start = 0; start < Rows.Count; start += batchSize)
        {
            batch.Clear();
            foreach (var row in Rows.Skip(start).Take(batchSize))
            {
                Fill(batch, row);
            }

            await writer.WriteAsync(batch);
        }

        await writer.CompleteAsync();
        return file.Written;
    }

    public static void Fill(ParquetBatch batch, object?[] row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            var value = row[c];
            var column = batch.Schema.Columns[c];
            if (value is null)
            {
                batch.Columns[c].AppendNull();
                continue;
            }

            switch (column.Type)
            {
                case ParquetColumnType.String or ParquetColumnType.Json:
                    batch.Strings(c).Append((string)value);
                    break;
                case ParquetColumnType.Int32:
                    batch.Int32s(c).Append((int)value);
                    break;
                case ParquetColumnType.Int64:
                    batch.Int64s(c).Append((long)value);
                    break;
                case ParquetColumnType.Double:
                    batch.Doubles(c).Append((double)value);
                    break;
                case ParquetColumnType.Boolean:
                    batch.Booleans(c).Append((bool)value);
                    break;
                case ParquetColumnType.Timestamp:
                    batch.Timestamps(c).Append(((Micros)value).Value);
                    break;
            }
        }
    }

    /// <summary>Asserts a reader returned exactly these rows.</summary>
    public void AssertRows(LogIngest.TestSupport.Parquet.ParquetInspection inspection)
    {
        Assert.Null(inspection.Error);
        Assert.Equal(Rows.Count, inspection.RowCount);
        Assert.Equal(Rows.Count, inspection.Rows.Count);
        for (var r = 0; r < Rows.Count; r++)
        {
            for (var c = 0; c < Schema.Columns.Count; c++)
            {
                AssertCell(Rows[r][c], inspection.Rows[r][c], $"{inspection.Reader}: row {r}, column '{Schema.Columns[c].Name}'");
            }
        }
    }

    /// <summary>Asserts DuckDB (in process) read exactly these rows, typed as the columns were written.</summary>
    public void AssertRows(LogIngest.TestSupport.Parquet.DuckDbRows read, string reader)
    {
        ArgumentNullException.ThrowIfNull(read);
        Assert.Equal(Schema.Columns.Select(c => c.Name), read.Columns);
        Assert.Equal(Rows.Count, read.Rows.Count);
        for (var r = 0; r < Rows.Count; r++)
        {
            for (var c = 0; c < Schema.Columns.Count; c++)
            {
                var expected = Rows[r][c];
                var actual = FromDuckDb(read.Rows[r][c]);
                var same = (expected, actual) switch
                {
                    (null, null) => true,
                    (double e, double a) => e.Equals(a),
                    ({ } e, { } a) => e.GetType() == a.GetType() && e.Equals(a),
                    _ => false,
                };
                Assert.True(same, $"{reader}: row {r}, column '{Schema.Columns[c].Name}': expected {Describe(expected)}, got {Describe(actual)} ({actual?.GetType().Name})");
            }
        }
    }

    /// <summary>A DuckDB.NET value in the terms test tables are written in (timestamps as <see cref="Micros"/>).</summary>
    public static object? FromDuckDb(object? value) => value switch
    {
        DateTime t => new Micros((t.Ticks - DateTime.UnixEpoch.Ticks) / 10),
        DateTimeOffset t => new Micros((t.UtcTicks - DateTime.UnixEpoch.Ticks) / 10),
        _ => value,
    };

    /// <summary>Asserts a value read by DuckDB in process (see <see cref="FromDuckDb"/>) equals a Node reader's or Parquet.Net's normalised JSON.</summary>
    public static void AssertCell(object? expected, JsonElement actual, string where)
    {
        var ok = expected switch
        {
            null => actual.ValueKind == JsonValueKind.Null,
            int i => actual.ValueKind == JsonValueKind.Number && actual.GetInt32() == i,
            long l => actual.ValueKind == JsonValueKind.String && actual.GetString() == l.ToString(CultureInfo.InvariantCulture),
            Micros m => actual.ValueKind == JsonValueKind.String && actual.GetString() == m.Value.ToString(CultureInfo.InvariantCulture),
            bool b => actual.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False),
            string s => actual.ValueKind == JsonValueKind.String && actual.GetString() == s,
            double d when double.IsNaN(d) => actual.ValueKind == JsonValueKind.String && actual.GetString() == "NaN",
            double d when double.IsPositiveInfinity(d) => actual.ValueKind == JsonValueKind.String && actual.GetString() == "Infinity",
            double d when double.IsNegativeInfinity(d) => actual.ValueKind == JsonValueKind.String && actual.GetString() == "-Infinity",
            double d when d == 0 && double.IsNegative(d) => actual.ValueKind == JsonValueKind.String && actual.GetString() == "-0",
            double d => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() == d,
            _ => false,
        };
        Assert.True(ok, $"{where}: expected {Describe(expected)}, got {Truncate(actual.GetRawText())}");
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "\"" + Truncate(s) + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + $"...({text.Length} chars)" : text;
}
