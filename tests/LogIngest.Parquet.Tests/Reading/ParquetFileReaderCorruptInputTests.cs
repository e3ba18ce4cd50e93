using System.Buffers.Binary;

namespace LogIngest.Parquet.Tests.Reading;

/// <summary>Input that is not a whole Parquet file fails with a ParquetException, never another exception or a hang.</summary>
public sealed class ParquetFileReaderCorruptInputTests
{
    [Fact]
    public async Task OpenAsync_EmptyStream_ThrowsTooShort()
    {
        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream()));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_BadLeadingMagic_ThrowsNotParquet()
    {
        var bytes = await ValidFileAsync();
        bytes[0] = (byte)'X';

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream(bytes)));

        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_BadTrailingMagic_ThrowsTruncated()
    {
        var bytes = await ValidFileAsync();
        bytes[^1] = (byte)'X';

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream(bytes)));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task OpenAsync_TruncatedFile_Throws(int missingBytes)
    {
        var bytes = await ValidFileAsync();

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream(bytes[..^missingBytes])));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task OpenAsync_ImpossibleFooterLength_ThrowsNamingIt(int footerLength)
    {
        var bytes = await ValidFileAsync();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), footerLength);

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream(bytes)));

        Assert.Contains($"footer length {footerLength}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FooterShorterThanClaimed_ThrowsCorrupt()
    {
        // Claim four bytes more than the footer holds: decoding starts inside the last page.
        var bytes = await ValidFileAsync();
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), length - 7);

        await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task OpenAsync_DataCutFromMiddle_ThrowsOutsideDataPart()
    {
        // Head magic and whole footer kept, pages cut: the chunks point past the data that is left.
        var bytes = await ValidFileAsync();
        var footer = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8)) + 8;
        var cut = bytes[..4].Concat(bytes[^footer..]).ToArray();

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new MemoryStream(cut)));

        Assert.Contains("outside the data part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NonSeekableStream_ThrowsAskingForSeekable()
    {
        var bytes = await ValidFileAsync();

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(new NonSeekableStream(bytes)));

        Assert.Contains("seekable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WriteOnlyStream_ThrowsAskingForReadable()
    {
        using var folder = new TempFolder();
        await using var stream = new FileStream(folder.File("w"), FileMode.Create, FileAccess.Write);

        var error = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(stream));

        Assert.Contains("not readable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EveryFooterByteFlipped_OpensOrThrowsParquetException()
    {
        var bytes = await ValidFileAsync();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footerStart = bytes.Length - 8 - footerLength;
        var refused = 0;
        for (var i = footerStart; i < bytes.Length - 8; i++)
        {
            foreach (var mask in new byte[] { 0xFF, 0x01, 0x80 })
            {
                var copy = (byte[])bytes.Clone();
                copy[i] ^= mask;
                refused += await ReadEverythingAsync(copy, $"footer byte {i - footerStart} ^ 0x{mask:X2}") ? 0 : 1;
            }
        }

        // Most damage must be noticed; the rest (a changed name or value) reads as whatever it now says.
        Assert.True(refused > footerLength, $"only {refused} of {footerLength * 3} damaged footers were refused");
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Uncompressed)]
    public async Task ReadRowsAsync_EveryPageByteFlipped_ReadsOrThrowsParquetException(ParquetCompression codec)
    {
        var bytes = await ValidFileAsync(codec);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var refused = 0;
        for (var i = 4; i < bytes.Length - 8 - footerLength; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0xFF;
            refused += await ReadEverythingAsync(copy, $"byte {i}") ? 0 : 1;
        }

        Assert.True(refused > 0, "no damaged page was noticed");
    }

    /// <summary>Opens and reads every value; true when that worked, false on a ParquetException. Anything else fails the test.</summary>
    private static async Task<bool> ReadEverythingAsync(byte[] bytes, string damage)
    {
        try
        {
            using var reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes));
            await ReaderTestFiles.ReadRowsAsync(reader);
            foreach (var column in reader.Schema.Columns)
            {
                await ReaderTestFiles.ToListAsync(reader.ReadValuesAsync(column.Name));
            }

            return true;
        }
        catch (ParquetException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{damage}: {e.GetType().Name} instead of ParquetException: {e.Message}");
            throw;
        }
    }

    /// <summary>A small file (every type, nulls, dictionary and plain, two row groups) so flipping each byte stays quick.</summary>
    private static Task<byte[]> ValidFileAsync(ParquetCompression codec = ParquetCompression.Snappy)
    {
        var schema = new ParquetSchema(
            Enum.GetValues<ParquetColumnType>().Select(t => new ParquetColumn(t.ToString(), t))
                .Append(new ParquetColumn("key", ParquetColumnType.String, IsNullable: false)));
        var rows = Enumerable.Range(0, 12).Select(r => new object?[]
        {
            r % 3 == 0 ? null : $"s{r % 4}", r % 4 == 1 ? null : r * 1000, r % 5 == 2 ? null : r * -100_000_000_000L, r % 3 == 1 ? null : r / 3.0,
            r % 4 == 3 ? null : r % 2 == 0, r % 6 == 5 ? null : new Micros(1_700_000_000_000_000 + r), r % 2 == 0 ? null : $"{{\"n\":{r}}}", $"key-{r}",
        }).ToList();
        return ReaderTestFiles.WriteAsync(new TestTable(schema, rows), new ParquetWriterOptions { Compression = codec, RowGroupMaxRows = 6 });
    }
}
