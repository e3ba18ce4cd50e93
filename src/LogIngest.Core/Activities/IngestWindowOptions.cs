using LogIngest.Parquet;

namespace LogIngest.Core.Activities;

/// <summary>Settings of <see cref="IngestWindowActivity"/>. Every property documents its default.</summary>
public sealed class IngestWindowOptions
{
    /// <summary>
    /// Rows per Parquet row group. Default 122,880 (DuckDB's own row-group size). With
    /// <see cref="RowGroupMaxBytes"/> it bounds the memory of writing one file, whatever the window's size.
    /// </summary>
    public int RowGroupMaxRows { get; set; } = 122_880;

    /// <summary>Encoded bytes at which a row group is flushed early. Default 32 MiB.</summary>
    public long RowGroupMaxBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Page codec of the files. Default Snappy.</summary>
    public ParquetCompression Compression { get; set; } = ParquetCompression.Snappy;

    /// <summary>Rows handed to the Parquet writer at a time. Default 8,192.</summary>
    public int BatchRows { get; set; } = 8192;

    /// <summary>Columns the Parquet writer encodes in parallel. Default 2.</summary>
    public int WriterParallelism { get; set; } = 2;

    /// <summary>
    /// Windows of one process that encode and write their files at once (<see cref="WindowWriteGate"/>);
    /// null (default) for the processor count. Each writer holds up to a row group in memory.
    /// </summary>
    public int? MaxConcurrentWrites { get; set; }

    internal int EffectiveMaxConcurrentWrites => MaxConcurrentWrites is { } n
        ? (n >= 1 ? n : throw new ArgumentOutOfRangeException(nameof(MaxConcurrentWrites), n, "IngestWindowOptions.MaxConcurrentWrites must be at least 1 (or null for the processor count)."))
        : Math.Max(1, Environment.ProcessorCount);

    /// <summary>Folder for the temporary per-day spill of a window while it streams; null (default) for the system temp folder.</summary>
    public string? SpillDirectory { get; set; }

    /// <summary>Most flattened <c>Col_key</c> columns one window may produce before it fails with D201. Default 1,000.</summary>
    public int MaxFlattenedColumns { get; set; } = 1000;

    /// <summary>
    /// For ingestion-time windows: how far before the window's start the event times of its rows may lie,
    /// for the orphan search (days the window's own rows touch are always searched too). Default 2 days.
    /// </summary>
    public TimeSpan IngestionLagHorizon { get; set; } = TimeSpan.FromDays(2);

    internal ParquetWriterOptions CreateWriterOptions(Transform.LakeFileLineage lineage)
    {
        var options = new ParquetWriterOptions
        {
            Compression = Compression,
            RowGroupMaxRows = RowGroupMaxRows,
            RowGroupMaxBytes = RowGroupMaxBytes,
            MaxDegreeOfParallelism = Math.Max(1, WriterParallelism),
        };

        // Deterministic facts only: a retry or replay of the window must produce the same bytes.
        lineage.WriteTo(options.KeyValueMetadata);
        return options;
    }
}
