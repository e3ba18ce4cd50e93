namespace LogIngest.Parquet;

/// <summary>Settings of one <see cref="ParquetWriter"/>. Every property documents its default.</summary>
public sealed class ParquetWriterOptions
{
    /// <summary>Page codec. Default <see cref="ParquetCompression.Snappy"/>.</summary>
    public ParquetCompression Compression { get; set; } = ParquetCompression.Snappy;

    /// <summary>GZIP level when <see cref="Compression"/> is GZIP. Default <see cref="System.IO.Compression.CompressionLevel.Optimal"/>.</summary>
    public System.IO.Compression.CompressionLevel GzipLevel { get; set; } = System.IO.Compression.CompressionLevel.Optimal;

    /// <summary>A row group is flushed when it holds this many rows. Default 1,000,000.</summary>
    public int RowGroupMaxRows { get; set; } = 1_000_000;

    /// <summary>
    /// A row group is flushed when its encoded (compressed) pages reach this many bytes. The writer
    /// buffers one row group in memory, so this bounds its memory. Default 64 MiB.
    /// </summary>
    public long RowGroupMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A data page is closed when its encoded, uncompressed values reach this size. Default 1 MiB.</summary>
    public int PageSizeBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether string and JSON columns start dictionary encoded (RLE_DICTIONARY). Default true.</summary>
    public bool DictionaryEnabled { get; set; } = true;

    /// <summary>
    /// When a column chunk's dictionary grows past this many bytes (PLAIN encoded), the chunk falls
    /// back to PLAIN for its remaining pages. Default 1 MiB.
    /// </summary>
    public int DictionaryPageSizeLimit { get; set; } = 1024 * 1024;

    /// <summary>
    /// String min/max statistics longer than this many bytes are left out of a column chunk (null
    /// counts stay), so one huge value cannot bloat the footer. Default 1,024.
    /// </summary>
    public int MaxStatisticsValueBytes { get; set; } = 1024;

    /// <summary>Columns encoded in parallel within one batch. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Written as the file's <c>created_by</c>. Default "LogIngest.Parquet version {assembly version}".</summary>
    public string CreatedBy { get; set; } = DefaultCreatedBy;

    /// <summary>Key-value metadata written in the footer. Default empty.</summary>
    public IDictionary<string, string> KeyValueMetadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal static string DefaultCreatedBy { get; } =
        "LogIngest.Parquet version " + (typeof(ParquetWriterOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    internal void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ParquetException($"ParquetWriterOptions.Compression has an unknown value {(int)Compression}; use a ParquetCompression value.");
        }

        Require(RowGroupMaxRows > 0, nameof(RowGroupMaxRows), "must be positive");
        Require(RowGroupMaxBytes > 0, nameof(RowGroupMaxBytes), "must be positive");
        Require(PageSizeBytes >= 1024, nameof(PageSizeBytes), "must be at least 1024");
        Require(DictionaryPageSizeLimit >= 0, nameof(DictionaryPageSizeLimit), "must not be negative");
        Require(MaxStatisticsValueBytes >= 0, nameof(MaxStatisticsValueBytes), "must not be negative");
        Require(MaxDegreeOfParallelism > 0, nameof(MaxDegreeOfParallelism), "must be positive");
        Require(CreatedBy is not null, nameof(CreatedBy), "must not be null");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ParquetException($"ParquetWriterOptions.{name} {rule}.");
        }
    }
}
