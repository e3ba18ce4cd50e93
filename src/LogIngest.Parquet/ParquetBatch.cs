namespace LogIngest.Parquet;

/// <summary>
/// Rows to write, held column by column: one typed buffer per schema column. Fill the buffers
/// (every column must end with the same row count), pass the batch to
/// <see cref="ParquetWriter.WriteAsync"/>, then <see cref="Clear"/> and reuse it.
/// </summary>
public sealed class ParquetBatch
{
    private readonly ParquetColumnBuffer[] _columns;

    /// <param name="schema">The schema of the file the batch is for.</param>
    /// <param name="capacity">Rows to make room for up front; buffers grow as needed.</param>
    public ParquetBatch(ParquetSchema schema, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Schema = schema;
        _columns = new ParquetColumnBuffer[schema.Columns.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = schema.Columns[i];
            _columns[i] = column.Type switch
            {
                ParquetColumnType.String or ParquetColumnType.Json => new ParquetStringBuffer(column, capacity),
                ParquetColumnType.Int32 => new ParquetValueBuffer<int>(column, capacity),
                ParquetColumnType.Int64 => new ParquetValueBuffer<long>(column, capacity),
                ParquetColumnType.Double => new ParquetValueBuffer<double>(column, capacity),
                ParquetColumnType.Boolean => new ParquetValueBuffer<bool>(column, capacity),
                ParquetColumnType.Timestamp => new ParquetTimestampBuffer(column, capacity),
                ParquetColumnType.Decimal => new ParquetValueBuffer<Int128>(column, capacity),
                ParquetColumnType.Uuid => new ParquetValueBuffer<Guid>(column, capacity),
                _ => throw new ParquetException($"Column '{column.Name}' has an unknown type {column.Type}.", column.Name),
            };
        }
    }

    public ParquetSchema Schema { get; }

    /// <summary>The column buffers, in schema order.</summary>
    public IReadOnlyList<ParquetColumnBuffer> Columns => _columns;

    /// <summary>Rows in the batch: the count of the first column (the writer checks that all agree).</summary>
    public int RowCount => _columns[0].Count;

    /// <summary>The buffer of a String or Json column.</summary>
    public ParquetStringBuffer Strings(int column) => Get<ParquetStringBuffer>(column, "Strings", ParquetColumnType.String, ParquetColumnType.Json);

    public ParquetStringBuffer Strings(string column) => Strings(IndexOf(column));

    public ParquetValueBuffer<int> Int32s(int column) => Get<ParquetValueBuffer<int>>(column, "Int32s", ParquetColumnType.Int32);

    public ParquetValueBuffer<int> Int32s(string column) => Int32s(IndexOf(column));

    public ParquetValueBuffer<long> Int64s(int column) => Get<ParquetValueBuffer<long>>(column, "Int64s", ParquetColumnType.Int64);

    public ParquetValueBuffer<long> Int64s(string column) => Int64s(IndexOf(column));

    public ParquetValueBuffer<double> Doubles(int column) => Get<ParquetValueBuffer<double>>(column, "Doubles", ParquetColumnType.Double);

    public ParquetValueBuffer<double> Doubles(string column) => Doubles(IndexOf(column));

    public ParquetValueBuffer<bool> Booleans(int column) => Get<ParquetValueBuffer<bool>>(column, "Booleans", ParquetColumnType.Boolean);

    public ParquetValueBuffer<bool> Booleans(string column) => Booleans(IndexOf(column));

    public ParquetTimestampBuffer Timestamps(int column) => Get<ParquetTimestampBuffer>(column, "Timestamps", ParquetColumnType.Timestamp);

    public ParquetTimestampBuffer Timestamps(string column) => Timestamps(IndexOf(column));

    /// <summary>The buffer of a Decimal column: unscaled values (see <see cref="ParquetDecimal"/>).</summary>
    public ParquetValueBuffer<Int128> Decimals(int column) => Get<ParquetValueBuffer<Int128>>(column, "Decimals", ParquetColumnType.Decimal);

    public ParquetValueBuffer<Int128> Decimals(string column) => Decimals(IndexOf(column));

    public ParquetValueBuffer<Guid> Uuids(int column) => Get<ParquetValueBuffer<Guid>>(column, "Uuids", ParquetColumnType.Uuid);

    public ParquetValueBuffer<Guid> Uuids(string column) => Uuids(IndexOf(column));

    /// <summary>Forgets every row of every column, keeping the buffers for reuse.</summary>
    public void Clear()
    {
        foreach (var column in _columns)
        {
            column.Clear();
        }
    }

    private int IndexOf(string name)
    {
        var index = Schema.IndexOf(name);
        if (index < 0)
        {
            throw new ParquetException($"The schema has no column '{name}'; columns are: {Schema}.", name);
        }

        return index;
    }

    private TBuffer Get<TBuffer>(int index, string accessor, params ParquetColumnType[] types)
        where TBuffer : ParquetColumnBuffer
    {
        if ((uint)index >= (uint)_columns.Length)
        {
            throw new ParquetException($"Column index {index} is out of range; the schema has {_columns.Length} columns ({Schema}).");
        }

        var buffer = _columns[index];
        if (Array.IndexOf(types, buffer.Column.Type) < 0)
        {
            throw new ParquetException(
                $"Column '{buffer.Column.Name}' is of type {buffer.Column.Type}, not {string.Join(" or ", types)}; use the accessor for {buffer.Column.Type} instead of {accessor}.",
                buffer.Column.Name);
        }

        return (TBuffer)buffer;
    }
}
