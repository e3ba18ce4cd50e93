using LogIngest.Core.Model;
using LogIngest.Parquet;

namespace LogIngest.Core.Transform;

/// <summary>What a <see cref="WindowWriter"/> needs to know about the window it writes.</summary>
public sealed record WindowWriterSettings
{
    public required string Table { get; init; }

    public required TimeAxis Axis { get; init; }

    public required Interval Window { get; init; }

    public KeySplit? Split { get; init; }

    /// <summary>Columns (<c>dynamic</c>, or <c>string</c> holding JSON) to flatten into <c>Col_key</c> columns.</summary>
    public IReadOnlyList<string> Flatten { get; init; } = [];

    /// <summary>Most flattened columns one window may produce before it fails with D201. Default 1,000.</summary>
    public int MaxFlattenedColumns { get; init; } = 1000;

    /// <summary>Rows per Parquet batch handed to the writer. Default 8,192.</summary>
    public int BatchRows { get; init; } = 8192;

    /// <summary>Folder for the temporary per-day spill files; null for the system temp folder.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>Makes the options of each file's writer (row-group size bounds its memory).</summary>
    public Func<ParquetWriterOptions> WriterOptions { get; init; } = () => new ParquetWriterOptions();
}
