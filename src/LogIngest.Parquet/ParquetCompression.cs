namespace LogIngest.Parquet;

/// <summary>The codec applied to every page of a file.</summary>
public enum ParquetCompression
{
    /// <summary>Raw snappy (the default): fast, with a fair ratio.</summary>
    Snappy,

    /// <summary>GZIP: smaller files, slower to write.</summary>
    Gzip,

    /// <summary>No compression.</summary>
    Uncompressed,
}
