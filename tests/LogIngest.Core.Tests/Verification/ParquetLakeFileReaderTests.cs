using LogIngest.Core.Ports;
using LogIngest.Core.Transform;
using LogIngest.Core.Verification;
using LogIngest.Local.Lake;
using LogIngest.Parquet;

namespace LogIngest.Core.Tests.Verification;

/// <summary>What verification reads back from the lake files our writer produces, through Parquet.Net.</summary>
public sealed class ParquetLakeFileReaderTests : IDisposable
{
    private const string Path = "loganalytics/T/year=2025/month=01/day=06/T-1-2.parquet";

    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "logingest-lakeread-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemLakeStore _lake;
    private readonly ParquetLakeFileReader _reader = new();

    public ParquetLakeFileReaderTests() => _lake = new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = _root });

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const long Micros = 1_700_000_000_000_000L;

    [Fact]
    public async Task ScanAsync_WindowFileInSeveralRowGroups_ReturnsRowCountAndEveryIdentityInRowOrder()
    {
        var keys = Enumerable.Range(0, 2_500).Select(i => new LakeRowKey(Ticks(i / 3), (long)i * 7_919 * (i % 2 == 0 ? 1 : -1))).ToArray();
        await PutAsync(Path, keys, rowGroupRows: 1_000);
        var read = new List<LakeRowKey>();

        var rows = await _reader.ScanAsync(_lake, Path, read.Add);

        Assert.Equal(2_500, rows);
        Assert.Equal(keys, read);
    }

    [Fact]
    public async Task ScanAsync_LakeWhoseReadsCannotSeek_ReadsTheSameRowsAndIdentities()
    {
        var keys = Enumerable.Range(0, 300).Select(i => new LakeRowKey(Ticks(i), long.MaxValue - i)).ToArray();
        await PutAsync(Path, keys, rowGroupRows: 128);
        var read = new List<LakeRowKey>();

        var rows = await _reader.ScanAsync(new DownloadOnlyLake(_lake), Path, read.Add);

        Assert.Equal(300, rows);
        Assert.Equal(keys, read);
    }

    [Fact]
    public async Task ScanAsync_FileWithATextKeyOfAnEarlierLogIngest_ThrowsInvalidDataSayingWhatToDo()
    {
        var schema = new ParquetSchema(
            new ParquetColumn("TimeGenerated", ParquetColumnType.Timestamp),
            new ParquetColumn(WindowSchema.CompositeKeyColumn, ParquetColumnType.String, IsNullable: false));
        await _lake.PutAsync(Path, async (stream, ct) =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: ct);
            var batch = new ParquetBatch(schema);
            batch.Timestamps(0).Append(Micros);
            batch.Strings(1).Append(new string('a', 32) + "_0");
            await writer.WriteAsync(batch, ct);
            await writer.CompleteAsync(ct);
        });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _reader.ScanAsync(_lake, Path, _ => { }));

        Assert.Contains(Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("logingest reset", error.Message, StringComparison.Ordinal);
        Assert.Contains("load that range again", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await _reader.ScanAsync(_lake, Path, onKey: null));
    }

    [Fact]
    public async Task ScanAsync_NoKeysAsked_CountsRowsEvenWithoutACompositeKeyColumn()
    {
        await PutOtherAsync(Path, rows: 42);

        Assert.Equal(42, await _reader.ScanAsync(_lake, Path, onKey: null));
    }

    [Fact]
    public async Task ScanAsync_KeysAskedOfAFileWithoutCompositeKey_ThrowsInvalidDataNamingFileAndColumn()
    {
        await PutOtherAsync(Path, rows: 3);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _reader.ScanAsync(_lake, Path, _ => { }));

        Assert.Contains(Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(WindowSchema.CompositeKeyColumn, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(0)]
    public async Task ScanAsync_DamagedFile_ThrowsInvalidDataNamingTheFile(int cutBytes)
    {
        await PutAsync(Path, [new(Ticks(0), 1), new(Ticks(1), 2), new(Ticks(2), 3)], rowGroupRows: 10);
        var bytes = await File.ReadAllBytesAsync(System.IO.Path.Combine(_root, Path));
        var damaged = cutBytes > 0 ? bytes[..^cutBytes] : [.. bytes[..4], .. new byte[bytes.Length - 8], .. bytes[^4..]];
        await _lake.PutAsync(Path, (stream, ct) => stream.WriteAsync(damaged, ct).AsTask());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _reader.ScanAsync(_lake, Path, _ => { }));

        Assert.Contains(Path, error.Message, StringComparison.Ordinal);
    }

    private static long Ticks(int second) => DateTime.UnixEpoch.Ticks + (Micros * 10) + (second * TimeSpan.TicksPerSecond);

    private async Task PutAsync(string path, IReadOnlyList<LakeRowKey> keys, int rowGroupRows)
    {
        var schema = new ParquetSchema(
            new ParquetColumn("TimeGenerated", ParquetColumnType.Timestamp),
            new ParquetColumn(WindowSchema.CompositeKeyColumn, ParquetColumnType.Int64, IsNullable: false));
        await _lake.PutAsync(path, async (stream, ct) =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetWriterOptions { RowGroupMaxRows = rowGroupRows }, ct);
            var batch = new ParquetBatch(schema);
            foreach (var key in keys)
            {
                batch.Timestamps(0).Append((key.TimeTicks - DateTime.UnixEpoch.Ticks) / 10);
                batch.Int64s(1).Append(key.Key);
            }

            await writer.WriteAsync(batch, ct);
            await writer.CompleteAsync(ct);
        });
    }

    private async Task PutOtherAsync(string path, int rows)
    {
        var schema = new ParquetSchema(new ParquetColumn("n", ParquetColumnType.Int64));
        await _lake.PutAsync(path, async (stream, ct) =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: ct);
            var batch = new ParquetBatch(schema);
            for (var i = 0; i < rows; i++)
            {
                batch.Int64s(0).Append(i);
            }

            await writer.WriteAsync(batch, ct);
            await writer.CompleteAsync(ct);
        });
    }

    /// <summary>A lake whose read streams cannot seek, like a Blob download.</summary>
    private sealed class DownloadOnlyLake(ILakeStore inner) : DelegatingLake(inner)
    {
        public override async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
        {
            var stream = await Inner.OpenReadAsync(path, cancellationToken);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            await stream.DisposeAsync();
            return new ReadForwardOnly(copy.ToArray());
        }
    }

    private sealed class ReadForwardOnly(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
