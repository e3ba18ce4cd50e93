namespace LogIngest.Parquet;

/// <summary>
/// The values of one column in a <see cref="ParquetBatch"/>, one slot per row. Typed subclasses
/// append without boxing; a null takes a slot and is tracked in a null mask.
/// </summary>
public abstract class ParquetColumnBuffer
{
    private bool[]? _nulls;

    private protected ParquetColumnBuffer(ParquetColumn column, int capacity)
    {
        ArgumentNullException.ThrowIfNull(column);
        Column = column;
        Capacity = Math.Max(capacity, 16);
    }

    public ParquetColumn Column { get; }

    /// <summary>Rows appended so far, nulls included.</summary>
    public int Count { get; private protected set; }

    /// <summary>Nulls appended so far.</summary>
    public int NullCount { get; private set; }

    private protected int Capacity { get; private set; }

    /// <summary>One flag per row, true where the row is null; null while no null was appended.</summary>
    internal bool[]? Nulls => _nulls;

    /// <summary>Appends a null; throws when the column is required.</summary>
    public void AppendNull()
    {
        EnsureNullable();
        var index = ReserveSlot();
        _nulls ??= new bool[Capacity];
        _nulls[index] = true;
        NullCount++;
        Count = index + 1;
        OnNullAppended(index);
    }

    public bool IsNull(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _nulls is not null && _nulls[index];
    }

    /// <summary>Forgets every row, keeping the buffers for reuse.</summary>
    public virtual void Clear()
    {
        if (_nulls is not null)
        {
            Array.Clear(_nulls, 0, Count);
        }

        Count = 0;
        NullCount = 0;
    }

    private protected void EnsureNullable()
    {
        if (!Column.IsNullable)
        {
            throw new ParquetException(
                $"Column '{Column.Name}' is required (not nullable) and cannot take a null; supply a value or declare the column nullable.",
                Column.Name);
        }
    }

    /// <summary>Makes room for one more row and returns its index (the caller sets Count).</summary>
    private protected int ReserveSlot()
    {
        if (Count == Capacity)
        {
            Grow(Count + 1);
        }

        return Count;
    }

    /// <summary>Makes room for <paramref name="extra"/> more rows.</summary>
    private protected void EnsureRoom(int extra)
    {
        if ((long)Count + extra > Array.MaxLength)
        {
            throw new ParquetException($"Column '{Column.Name}' cannot hold more than {Array.MaxLength} rows in one batch; write smaller batches.", Column.Name);
        }

        if (Count + extra > Capacity)
        {
            Grow(Count + extra);
        }
    }

    private protected void MarkNulls(int start, ReadOnlySpan<bool> isNull)
    {
        var nulls = isNull.Count(true);
        if (nulls == 0)
        {
            return;
        }

        EnsureNullable();
        _nulls ??= new bool[Capacity];
        isNull.CopyTo(_nulls.AsSpan(start));
        NullCount += nulls;
    }

    private protected virtual void OnNullAppended(int index)
    {
    }

    private protected abstract void GrowValues(int newCapacity);

    private void Grow(int needed)
    {
        var newCapacity = (int)Math.Min(Array.MaxLength, Math.Max((long)Capacity * 2, needed));
        GrowValues(newCapacity);
        if (_nulls is not null)
        {
            Array.Resize(ref _nulls, newCapacity);
        }

        Capacity = newCapacity;
    }
}
