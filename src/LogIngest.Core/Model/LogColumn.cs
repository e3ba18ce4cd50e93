using System.Globalization;

namespace LogIngest.Core.Model;

/// <summary>
/// One column of a <see cref="LogBatch"/>: a name, its Log Analytics type and its values held in a
/// typed array (see <see cref="LogValueKind"/>) with a null flag per row, so a reader maps a column to
/// its output without boxing a value. Built by appending; treat it as read-only once a batch holds it.
/// </summary>
public sealed class LogColumn
{
    private const int DefaultCapacity = 256;

    private string?[]? _text;
    private int[]? _int32;
    private long[]? _int64;
    private double[]? _double;
    private bool[]? _boolean;
    private bool[] _nulls;
    private int _count;
    private int _nullCount;

    public LogColumn(string name, LogColumnType type, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Name = name;
        Type = type;
        Kind = LogColumnTypes.KindOf(type);
        capacity = Math.Max(capacity, 4);
        _nulls = new bool[capacity];
        switch (Kind)
        {
            case LogValueKind.Text: _text = new string?[capacity]; break;
            case LogValueKind.Int32: _int32 = new int[capacity]; break;
            case LogValueKind.Int64: _int64 = new long[capacity]; break;
            case LogValueKind.Double: _double = new double[capacity]; break;
            default: _boolean = new bool[capacity]; break;
        }
    }

    public string Name { get; }

    public LogColumnType Type { get; }

    public LogValueKind Kind { get; }

    public int Count => _count;

    public int NullCount => _nullCount;

    /// <summary>One flag per row; true where the value is null (the typed value there is default).</summary>
    public ReadOnlySpan<bool> Nulls => _nulls.AsSpan(0, _count);

    /// <summary>Values of a <see cref="LogValueKind.Text"/> column; null where the row is null.</summary>
    public ReadOnlySpan<string?> Text => Expect(_text, LogValueKind.Text).AsSpan(0, _count);

    public ReadOnlySpan<int> Int32Values => Expect(_int32, LogValueKind.Int32).AsSpan(0, _count);

    /// <summary>Values of <c>long</c> columns, and UTC ticks of <c>datetime</c> columns.</summary>
    public ReadOnlySpan<long> Int64Values => Expect(_int64, LogValueKind.Int64).AsSpan(0, _count);

    public ReadOnlySpan<double> DoubleValues => Expect(_double, LogValueKind.Double).AsSpan(0, _count);

    public ReadOnlySpan<bool> BooleanValues => Expect(_boolean, LogValueKind.Boolean).AsSpan(0, _count);

    public bool IsNull(int row) => _nulls[CheckRow(row)];

    public string? GetText(int row) => Expect(_text, LogValueKind.Text)[CheckRow(row)];

    public int GetInt32(int row) => Expect(_int32, LogValueKind.Int32)[CheckRow(row)];

    public long GetInt64(int row) => Expect(_int64, LogValueKind.Int64)[CheckRow(row)];

    public double GetDouble(int row) => Expect(_double, LogValueKind.Double)[CheckRow(row)];

    public bool GetBoolean(int row) => Expect(_boolean, LogValueKind.Boolean)[CheckRow(row)];

    /// <summary>The value boxed (datetime as a UTC <see cref="DateTime"/>), or null. For tests and diagnostics; hot paths read the typed spans.</summary>
    public object? GetValue(int row)
    {
        if (IsNull(row))
        {
            return null;
        }

        return Kind switch
        {
            LogValueKind.Text => _text![row],
            LogValueKind.Int32 => _int32![row],
            LogValueKind.Int64 when Type == LogColumnType.DateTime => new DateTime(_int64![row], DateTimeKind.Utc),
            LogValueKind.Int64 => _int64![row],
            LogValueKind.Double => _double![row],
            _ => _boolean![row],
        };
    }

    /// <summary>The value as invariant text (datetime with seven fractional digits), or null.</summary>
    public string? FormatValue(int row) => GetValue(row) switch
    {
        null => null,
        DateTime d => Interval.FormatTicks(d.Ticks),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public void AppendNull()
    {
        var at = Grow();
        _nulls[at] = true;
        _nullCount++;
        switch (Kind)
        {
            case LogValueKind.Text: _text![at] = null; break;
            case LogValueKind.Int32: _int32![at] = 0; break;
            case LogValueKind.Int64: _int64![at] = 0; break;
            case LogValueKind.Double: _double![at] = 0; break;
            default: _boolean![at] = false; break;
        }
    }

    /// <summary>Appends text (null appends a null) to a string, guid, timespan, decimal or dynamic column.</summary>
    public void AppendText(string? value)
    {
        Expect(_text, LogValueKind.Text);
        if (value is null)
        {
            AppendNull();
            return;
        }

        var at = Grow();
        _nulls[at] = false;
        _text![at] = value;
    }

    public void AppendInt32(int value)
    {
        Expect(_int32, LogValueKind.Int32);
        var at = Grow();
        _nulls[at] = false;
        _int32![at] = value;
    }

    /// <summary>Appends a <c>long</c>, or the UTC ticks of a <c>datetime</c>.</summary>
    public void AppendInt64(long value)
    {
        Expect(_int64, LogValueKind.Int64);
        var at = Grow();
        _nulls[at] = false;
        _int64![at] = value;
    }

    public void AppendDouble(double value)
    {
        Expect(_double, LogValueKind.Double);
        var at = Grow();
        _nulls[at] = false;
        _double![at] = value;
    }

    public void AppendBoolean(bool value)
    {
        Expect(_boolean, LogValueKind.Boolean);
        var at = Grow();
        _nulls[at] = false;
        _boolean![at] = value;
    }

    public override string ToString() => $"{Name}:{LogColumnTypes.ToApiName(Type)}[{_count}]";

    // The common case (room left) stays small enough to inline into every append.
    private int Grow()
    {
        var at = _count;
        if (at == _nulls.Length)
        {
            Enlarge();
        }

        _count = at + 1;
        return at;
    }

    private void Enlarge()
    {
        var size = _nulls.Length * 2;
        Array.Resize(ref _nulls, size);
        switch (Kind)
        {
            case LogValueKind.Text: Array.Resize(ref _text, size); break;
            case LogValueKind.Int32: Array.Resize(ref _int32, size); break;
            case LogValueKind.Int64: Array.Resize(ref _int64, size); break;
            case LogValueKind.Double: Array.Resize(ref _double, size); break;
            default: Array.Resize(ref _boolean, size); break;
        }
    }

    private int CheckRow(int row)
    {
        if ((uint)row >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Column '{Name}' has {_count} rows.");
        }

        return row;
    }

    private T[] Expect<T>(T[]? values, LogValueKind kind) => values ?? throw WrongKind(kind);

    private InvalidOperationException WrongKind(LogValueKind kind) =>
        new($"Column '{Name}' is {LogColumnTypes.ToApiName(Type)}, stored as {Kind}, not {kind}.");
}
