using System.IO.Compression;
using LogIngest.Parquet.IO;

namespace LogIngest.Parquet.Pages;

/// <summary>Compresses one page body with the file's codec (Compression.md: raw snappy, gzip).</summary>
internal static class PageCompressor
{
    public static void Compress(ParquetCompression codec, CompressionLevel gzipLevel, ReadOnlySpan<byte> input, ByteBuffer output)
    {
        switch (codec)
        {
            case ParquetCompression.Snappy:
                {
                    // Straight into the page buffer: no array per page.
                    var written = Snappier.Snappy.Compress(input, output.GetSpan(Snappier.Snappy.GetMaxCompressedLength(input.Length)));
                    output.Advance(written);
                    break;
                }

            case ParquetCompression.Gzip:
                {
                    using var gzip = new GZipStream(new ByteBufferStream(output), gzipLevel, leaveOpen: false);
                    gzip.Write(input);
                    break;
                }

            default:
                output.Write(input);
                break;
        }
    }

    public static int CodecId(ParquetCompression codec) => codec switch
    {
        ParquetCompression.Snappy => Thrift.FormatConstants.CodecSnappy,
        ParquetCompression.Gzip => Thrift.FormatConstants.CodecGzip,
        _ => Thrift.FormatConstants.CodecUncompressed,
    };
}
