using System.Diagnostics;
using Parquet;
using Parquet.Schema;
using Ours = LogIngest.Parquet;

namespace LogIngest.Benchmarks;

/// <summary>
/// The write stage of an ingest done by each writer from the same ready columns: the columns of given
/// lake files are read back (untimed), then written again by our writer and by Parquet.Net (timed,
/// snappy, default options of each). Both times leave out what any window writer must also do (decode
/// the window's spilled rows into columns), so they compare the encoders on real window data.
/// </summary>
internal static class ParquetNetRewrite
{
    private const int BatchRows = 8192; // WindowWriterSettings' default

    /// <summary>Rewrites each file into <paramref name="folder"/>; answers the seconds each writer spent writing.</summary>
    public static async Task<(double Ours, double ParquetNet)> WriteAsync(IEnumerable<string> files, string folder)
    {
        Directory.CreateDirectory(folder);
        TimeSpan ours = TimeSpan.Zero, parquetNet = TimeSpan.Zero;
        var n = 0;
        foreach (var path in files)
        {
            ParquetSchema schema;
            var groups = new List<List<Column>>();
            await using (var input = File.OpenRead(path))
            await using (var reader = await ParquetReader.CreateAsync(input))
            {
                schema = reader.Schema;
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    var columns = new List<Column>();
                    foreach (var field in schema.GetDataFields())
                    {
                        columns.Add(await ReadAsync(group, field, checked((int)group.RowCount)));
                    }

                    groups.Add(columns);
                }
            }

            // Parquet.Net: one row group per row group read (ours cut them by its own size rule).
            var watch = Stopwatch.StartNew();
            await using (var output = File.Create(Path.Combine(folder, $"{n}.parquetnet.parquet")))
            await using (var writer = await ParquetWriter.CreateAsync(schema, output, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }))
            {
                foreach (var columns in groups)
                {
                    using var group = writer.CreateRowGroup();
                    foreach (var column in columns)
                    {
                        await column.WriteParquetNet(group);
                    }
                }
            }

            parquetNet += watch.Elapsed;

            var ourSchema = new Ours.ParquetSchema(groups[0].Select(c => new Ours.ParquetColumn(c.Field.Name, c.OurType, c.Field.IsNullable)));
            var batches = new List<Ours.ParquetBatch>();
            foreach (var columns in groups)
            {
                var rows = columns[0].Rows;
                for (var start = 0; start < rows; start += BatchRows)
                {
                    var batch = new Ours.ParquetBatch(ourSchema, BatchRows);
                    for (var c = 0; c < columns.Count; c++)
                    {
                        columns[c].AppendOurs(batch, c, start, Math.Min(BatchRows, rows - start));
                    }

                    batches.Add(batch);
                }
            }

            watch.Restart();
            await using (var output = File.Create(Path.Combine(folder, $"{n}.ours.parquet")))
            await using (var writer = await Ours.ParquetWriter.CreateAsync(ourSchema, output, new Ours.ParquetWriterOptions()))
            {
                foreach (var batch in batches)
                {
                    await writer.WriteAsync(batch);
                }

                await writer.CompleteAsync();
            }

            ours += watch.Elapsed;
            n++;
        }

        return (ours.TotalSeconds, parquetNet.TotalSeconds);
    }

    // One column read back: how each writer is given it.
    private sealed record Column(DataField Field, int Rows, Ours.ParquetColumnType OurType, Func<ParquetRowGroupWriter, Task> WriteParquetNet, Action<Ours.ParquetBatch, int, int, int> AppendOurs);

    private static async Task<Column> ReadAsync(ParquetRowGroupReader group, DataField field, int rows)
    {
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>) || type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            // Text as strings for both writers; JSON, which Parquet.Net hands over as bytes, stays bytes for it.
            var values = new string?[rows];
            Func<ParquetRowGroupWriter, Task> writeParquetNet;
            if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
            {
                var bytes = new byte[]?[rows];
                await group.ReadAsync(field, bytes.AsMemory(), null);
                for (var i = 0; i < rows; i++)
                {
                    values[i] = bytes[i] is { } b ? System.Text.Encoding.UTF8.GetString(b) : null;
                }

                writeParquetNet = w => w.WriteAsync(field, bytes!, null);
            }
            else
            {
                await group.ReadAsync(field, values.AsMemory(), null);
                writeParquetNet = w => w.WriteAsync(field, values!, null);
            }

            return new Column(field, rows, Ours.ParquetColumnType.String, writeParquetNet, (batch, c, start, count) =>
            {
                var buffer = batch.Strings(c);
                for (var i = start; i < start + count; i++)
                {
                    buffer.Append(values[i]);
                }
            });
        }

        if (type == typeof(long))
        {
            return await ValuesAsync<long>(group, field, rows, Ours.ParquetColumnType.Int64, (b, c) => b.Int64s(c));
        }

        if (type == typeof(int))
        {
            return await ValuesAsync<int>(group, field, rows, Ours.ParquetColumnType.Int32, (b, c) => b.Int32s(c));
        }

        if (type == typeof(double))
        {
            return await ValuesAsync<double>(group, field, rows, Ours.ParquetColumnType.Double, (b, c) => b.Doubles(c));
        }

        if (type == typeof(bool))
        {
            return await ValuesAsync<bool>(group, field, rows, Ours.ParquetColumnType.Boolean, (b, c) => b.Booleans(c));
        }

        if (type == typeof(Guid))
        {
            return await ValuesAsync<Guid>(group, field, rows, Ours.ParquetColumnType.Uuid, (b, c) => b.Uuids(c));
        }

        if (type == typeof(DateTime))
        {
            var times = new DateTime?[rows];
            await group.ReadAsync(field, times.AsMemory(), null);
            return new Column(field, rows, Ours.ParquetColumnType.Timestamp, w => w.WriteAsync<DateTime>(field, times.AsMemory(), null), (batch, c, start, count) =>
            {
                var buffer = batch.Timestamps(c);
                for (var i = start; i < start + count; i++)
                {
                    if (times[i] is { } t)
                    {
                        buffer.Append(t);
                    }
                    else
                    {
                        buffer.AppendNull();
                    }
                }
            });
        }

        if (type == typeof(decimal))
        {
            // DECIMAL(38, 18): Parquet.Net hands over .NET decimals; ours takes the unscaled 128-bit integer.
            var decimals = new decimal?[rows];
            await group.ReadAsync(field, decimals.AsMemory(), null);
            return new Column(field, rows, Ours.ParquetColumnType.Decimal, w => w.WriteAsync<decimal>(field, decimals.AsMemory(), null), (batch, c, start, count) =>
            {
                var buffer = batch.Decimals(c);
                for (var i = start; i < start + count; i++)
                {
                    if (decimals[i] is { } d && Ours.ParquetDecimal.TryFrom(d, out var unscaled))
                    {
                        buffer.Append(unscaled);
                    }
                    else
                    {
                        buffer.AppendNull();
                    }
                }
            });
        }

        throw new NotSupportedException($"column {field.Name}: {type.Name} is not rewritten by this benchmark");
    }

    private static async Task<Column> ValuesAsync<T>(ParquetRowGroupReader group, DataField field, int rows, Ours.ParquetColumnType ourType, Func<Ours.ParquetBatch, int, Ours.ParquetValueBuffer<T>> buffer)
        where T : unmanaged
    {
        if (!field.IsNullable)
        {
            // A required column (the composite key) goes through Parquet.Net's non-nullable read and write.
            var required = new T[rows];
            await group.ReadAsync(field, required.AsMemory(), null);
            return new Column(field, rows, ourType, w => w.WriteAsync<T>(field, required.AsMemory(), null), (batch, c, start, count) =>
            {
                var target = buffer(batch, c);
                for (var i = start; i < start + count; i++)
                {
                    target.Append(required[i]);
                }
            });
        }

        var values = new T?[rows];
        await group.ReadAsync(field, values.AsMemory(), null);
        return new Column(field, rows, ourType, w => w.WriteAsync<T>(field, values.AsMemory(), null), (batch, c, start, count) =>
        {
            var target = buffer(batch, c);
            for (var i = start; i < start + count; i++)
            {
                target.Append(values[i]);
            }
        });
    }
}
