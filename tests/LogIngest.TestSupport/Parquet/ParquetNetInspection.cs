using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace LogIngest.TestSupport.Parquet;

/// <summary>
/// The Parquet.Net reader of <see cref="ParquetInspector"/>, in process, normalising values as
/// parquet-read.mjs does for the Node readers: 64-bit integers and timestamps (microseconds since the
/// Unix epoch) as decimal strings, doubles as numbers except NaN, Infinity, -Infinity and -0, bytes
/// as base64; aggregates as non-null counts and sums (true values for booleans, UTF-8 bytes for text).
/// </summary>
internal static class ParquetNetInspection
{
    // Non-ASCII text stays as it is, as in the Node readers' JSON.
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<ParquetInspection> ReadAsync(ParquetReadRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await ParquetReader.CreateAsync(request.Path, cancellationToken: cancellationToken);
            var fields = reader.Schema.GetDataFields();

            // JSON columns come as bytes (BYTE_ARRAY); like the Node readers, give them as text.
            var json = reader.Metadata?.Schema.Where(e => e.LogicalType?.JSON is not null || e.ConvertedType == global::Parquet.Meta.ConvertedType.JSON).Select(e => e.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            var rowCount = reader.RowGroups.Sum(g => g.RowCount);
            var aggregates = fields.Select(_ => new Aggregate()).ToArray();
            var rows = new List<JsonElement[]>();
            var sample = new Dictionary<long, JsonElement[]>();
            var wanted = request.Sample?.ToHashSet() ?? [];
            long first = 0;
            foreach (var group in reader.RowGroups)
            {
                var columns = new object?[fields.Length][];
                for (var c = 0; c < fields.Length; c++)
                {
                    columns[c] = await ReadColumnAsync(group, fields[c], checked((int)group.RowCount), json.Contains(fields[c].Name), cancellationToken);
                }

                for (var r = 0; r < group.RowCount; r++)
                {
                    var index = first + r;
                    var keepRow = !request.Aggregate || wanted.Contains(index);
                    var row = keepRow ? new JsonElement[fields.Length] : null;
                    for (var c = 0; c < fields.Length; c++)
                    {
                        var value = columns[c][r];
                        if (request.Aggregate)
                        {
                            aggregates[c].Add(value);
                        }

                        if (row is not null)
                        {
                            row[c] = JsonSerializer.SerializeToElement(Normalise(value), JsonText);
                        }
                    }

                    if (!request.Aggregate)
                    {
                        rows.Add(row!);
                    }

                    if (wanted.Contains(index))
                    {
                        sample[index] = row!;
                    }
                }

                first += group.RowCount;
            }

            return Inspection(
                request.Path,
                null,
                rowCount,
                [.. fields.Select(f => (f.Name, f.ClrType.Name))],
                rows,
                request.Aggregate ? fields.Select((f, i) => (f.Name, aggregates[i].Result)).ToDictionary(x => x.Name, x => x.Result, StringComparer.Ordinal) : new Dictionary<string, (long, string)>(),
                sample);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Inspection(request.Path, ex.GetType().Name + ": " + ex.Message, -1, [], [], new Dictionary<string, (long, string)>(), new Dictionary<long, JsonElement[]>());
        }
    }

    private static ParquetInspection Inspection(
        string path, string? error, long rowCount, IReadOnlyList<(string, string)> schema, IReadOnlyList<JsonElement[]> rows,
        IReadOnlyDictionary<string, (long, string)> aggregate, IReadOnlyDictionary<long, JsonElement[]> sample) =>
        new(path, ParquetReaders.ParquetNet, error, rowCount, schema, rows, aggregate, sample, [], [], [], [], null);

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int rows, bool isJson, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        if (type == typeof(int))
        {
            return await ReadAsync<int>(group, field, rows, cancellationToken);
        }

        if (type == typeof(long))
        {
            return await ReadAsync<long>(group, field, rows, cancellationToken);
        }

        if (type == typeof(double))
        {
            return await ReadAsync<double>(group, field, rows, cancellationToken);
        }

        if (type == typeof(bool))
        {
            return await ReadAsync<bool>(group, field, rows, cancellationToken);
        }

        if (type == typeof(DateTime))
        {
            return await ReadAsync<DateTime>(group, field, rows, cancellationToken);
        }

        if (type == typeof(decimal))
        {
            return await ReadAsync<decimal>(group, field, rows, cancellationToken);
        }

        if (type == typeof(Guid))
        {
            return await ReadAsync<Guid>(group, field, rows, cancellationToken);
        }

        if (type == typeof(ReadOnlyMemory<byte>) || type == typeof(byte[]))
        {
            var bytes = new byte[]?[rows];
            await group.ReadAsync(field, bytes.AsMemory(), null, cancellationToken);
            return isJson ? [.. bytes.Select(b => b is null ? null : Encoding.UTF8.GetString(b))] : bytes;
        }

        var text = new string?[rows];
        await group.ReadAsync(field, text.AsMemory(), null, cancellationToken);
        return text;
    }

    private static async Task<object?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        if (!field.IsNullable)
        {
            // Required columns go through the non-nullable overload: Parquet.Net 6.1.0 turns some
            // values of a required column into nulls when asked for nullable ones.
            var required = new T[rows];
            await group.ReadAsync<T>(field, required.AsMemory(), null, cancellationToken);
            return [.. required.Select(v => (object?)v)];
        }

        var values = new T?[rows];
        await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
        return [.. values.Select(v => (object?)v)];
    }

    private static object? Normalise(object? value) => value switch
    {
        null => null,
        long l => l.ToString(CultureInfo.InvariantCulture),
        DateTime t => Micros(t).ToString(CultureInfo.InvariantCulture),
        double d => Number(d),
        byte[] b => Convert.ToBase64String(b),
        Guid g => g.ToString("D"),
        _ => value,
    };

    private static object Number(double d) => d switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        0 when double.IsNegative(d) => "-0",
        _ => d,
    };

    private static long Micros(DateTime t) => (t.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private sealed class Aggregate
    {
        private long _nonNull;
        private BigInteger _big;
        private double _sum;
        private bool _isBig;

        public (long, string) Result => (_nonNull, _isBig ? _big.ToString(CultureInfo.InvariantCulture) : Number(_sum) is double d ? d.ToString("R", CultureInfo.InvariantCulture) : (string)Number(_sum));

        public void Add(object? value)
        {
            if (value is null)
            {
                return;
            }

            _nonNull++;
            switch (value)
            {
                case long l:
                    _big += l;
                    _isBig = true;
                    break;
                case DateTime t:
                    _big += Micros(t);
                    _isBig = true;
                    break;
                case bool b:
                    _sum += b ? 1 : 0;
                    break;
                case int i:
                    _sum += i;
                    break;
                case double d:
                    _sum += d;
                    break;
                case string s:
                    _sum += Encoding.UTF8.GetByteCount(s);
                    break;
                case byte[] bytes:
                    _sum += bytes.Length;
                    break;
            }
        }
    }
}
