using LogIngest.Core.Model;
using LogIngest.Parquet;

namespace LogIngest.Core.Transform;

/// <summary>Appends one spilled record (canonical row, then its key) to a <see cref="ParquetBatch"/> of a <see cref="WindowSchema"/>.</summary>
internal sealed class RowDecoder
{
    private readonly WindowSchema _schema;
    private readonly LogColumnType[] _types;
    private readonly int[] _flattenSources;
    private readonly Dictionary<string, int>[] _slotByKey;
    private readonly EncodedValue[] _values;
    private readonly string?[] _slots;
    private readonly List<FlatEntry> _entries = [];

    public RowDecoder(WindowSchema schema, IReadOnlyList<(string Name, LogColumnType Type)> columns, int[] flattenSources)
    {
        _schema = schema;
        _types = [.. columns.Select(c => c.Type)];
        _flattenSources = flattenSources;
        _values = new EncodedValue[_types.Length];
        _slots = new string?[schema.Flattened.Count];
        _slotByKey = new Dictionary<string, int>[flattenSources.Length];
        for (var f = 0; f < flattenSources.Length; f++)
        {
            _slotByKey[f] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        for (var slot = 0; slot < schema.Flattened.Count; slot++)
        {
            var flattened = schema.Flattened[slot];
            _slotByKey[Array.IndexOf(flattenSources, flattened.SourceColumn)][flattened.Key] = slot;
        }
    }

    public void Append(ReadOnlySpan<byte> record, ParquetBatch batch)
    {
        var position = 0;
        for (var c = 0; c < _types.Length; c++)
        {
            var value = CanonicalRow.ReadValue(record, ref position, _types[c]);
            _values[c] = value;
            AppendSource(batch, c, _types[c], value, record);
        }

        Array.Clear(_slots);
        for (var f = 0; f < _flattenSources.Length; f++)
        {
            var value = _values[_flattenSources[f]];
            if (value.HasValue && DynamicFlattener.TryRead(record.Slice(value.Start, value.Length), _entries))
            {
                foreach (var entry in _entries)
                {
                    // Every key was seen in stage 1, so it has a slot; the last entry of a repeated key wins.
                    _slots[_slotByKey[f][entry.Key]] = entry.Value;
                }
            }
        }

        foreach (var flattened in _schema.Flattened)
        {
            batch.Strings(flattened.OutputIndex).Append(_slots[flattened.OutputIndex - _schema.SourceColumnCount]);
        }

        var key = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(record.Slice(position, CompositeKeyBuilder.KeyBytes));
        ((ParquetValueBuffer<long>)batch.Columns[_schema.CompositeKeyIndex]).Append(key);
    }

    private static void AppendSource(ParquetBatch batch, int c, LogColumnType type, EncodedValue value, ReadOnlySpan<byte> record)
    {
        var buffer = batch.Columns[c];
        if (!value.HasValue)
        {
            buffer.AppendNull();
            return;
        }

        switch (type)
        {
            case LogColumnType.Int:
                ((ParquetValueBuffer<int>)buffer).Append((int)value.Bits);
                break;
            case LogColumnType.Long:
                ((ParquetValueBuffer<long>)buffer).Append(value.Bits);
                break;
            case LogColumnType.DateTime:
                ((ParquetValueBuffer<long>)buffer).Append(ParquetTimestampBuffer.ToUnixMicroseconds(value.Bits));
                break;
            case LogColumnType.Real:
                ((ParquetValueBuffer<double>)buffer).Append(BitConverter.Int64BitsToDouble(value.Bits));
                break;
            case LogColumnType.Bool:
                ((ParquetValueBuffer<bool>)buffer).Append(value.Bits != 0);
                break;
            case LogColumnType.TimeSpan or LogColumnType.Decimal or LogColumnType.Guid:
                ParquetTypeMap.AppendConverted(buffer, type, record.Slice(value.Start, value.Length));
                break;
            default:
                ((ParquetStringBuffer)buffer).AppendUtf8(record.Slice(value.Start, value.Length));
                break;
        }
    }
}
