namespace LogIngest.Parquet;

/// <summary>
/// A column of fixed-width values: int32 (<c>int</c>), int64 (<c>long</c>), double, boolean, and
/// timestamps (<see cref="ParquetTimestampBuffer"/>). Null rows hold <c>default(T)</c>.
/// </summary>
public class ParquetValueBuffer<T> : ParquetColumnBuffer
    where T : unmanaged
{
    private T[] _values;

    internal ParquetValueBuffer(ParquetColumn column, int capacity)
        : base(column, capacity)
    {
        _values = new T[Capacity];
    }

    /// <summary>The values appended so far (default at null rows).</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    public void Append(T value)
    {
        var index = ReserveSlot();
        _values[index] = value;
        Count = index + 1;
    }

    public void Append(T? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends non-null values in bulk.</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        EnsureRoom(values.Length);
        values.CopyTo(_values.AsSpan(Count));
        Count += values.Length;
    }

    /// <summary>Appends values in bulk; where <paramref name="isNull"/> is true the row is null and its value ignored.</summary>
    public void AppendRange(ReadOnlySpan<T> values, ReadOnlySpan<bool> isNull)
    {
        if (values.Length != isNull.Length)
        {
            throw new ParquetException(
                $"Column '{Column.Name}': {values.Length} values but {isNull.Length} null flags; pass one flag per value.", Column.Name);
        }

        EnsureRoom(values.Length);
        MarkNulls(Count, isNull);
        values.CopyTo(_values.AsSpan(Count));
        Count += values.Length;
    }

    private protected override void OnNullAppended(int index) => _values[index] = default;

    private protected override void GrowValues(int newCapacity) => Array.Resize(ref _values, newCapacity);
}
