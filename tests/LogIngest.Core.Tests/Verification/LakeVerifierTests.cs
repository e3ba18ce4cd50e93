using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using LogIngest.Core.State;
using LogIngest.Core.Transform;
using LogIngest.Core.Verification;
using LogIngest.Local.Lake;
using LogIngest.Local.State;

namespace LogIngest.Core.Tests.Verification;

public sealed class LakeVerifierTests : IDisposable
{
    private const string Table = "OfficeActivity";
    private static readonly long Day = new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long Hour = TimeSpan.TicksPerHour;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-verify-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStateStore _state;
    private readonly FileSystemLakeStore _lake;
    private readonly FakeReader _reader = new();
    private readonly FakeSource _source = new();
    private readonly QueryGate _gate = new();

    public LakeVerifierTests()
    {
        _state = new SqliteStateStore(new SqliteStateOptions { DatabasePath = Path.Combine(_folder, "state.db") });
        _lake = new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = Path.Combine(_folder, "lake") });
    }

    private static LoadConfig Config => new() { Id = "cfg", Table = Table, From = new DateTimeOffset(Day, TimeSpan.Zero), To = new DateTimeOffset(Day + (24 * Hour), TimeSpan.Zero) };

    private LakeVerifier Verifier(ILakeFileReader? reader = null) =>
        new(_state, _state, _lake, new GatedLogSourceFactory([new SourceProvider(_source)], _gate), reader ?? _reader);

    /// <summary>A checkpointed window [start, end) hours into the day with one file holding <paramref name="keys"/>.</summary>
    private async Task<string> WindowAsync(int startHour, int endHour, string[] keys, KeySplit? split = null, bool checkpoint = true, bool file = true)
    {
        var window = new Interval(Day + (startHour * Hour), Day + (endHour * Hour));
        var path = new WindowFileName(Table, TimeAxis.TimeGenerated, window, split).PathFor("loganalytics", DayPartition.DayOf(window.Start));
        if (file)
        {
            await _lake.PutAsync(path, (stream, ct) => stream.WriteAsync(new byte[] { 1 }, ct).AsTask());
            _reader.Files[path] = keys;
        }

        if (checkpoint)
        {
            await _state.RecordWindowAsync(new WindowCheckpoint
            {
                ConfigId = "cfg",
                Axis = TimeAxis.TimeGenerated,
                Window = window,
                Split = split,
                RunId = "run",
                Files = [path],
                Rows = keys.Length,
                SourceCount = keys.Length,
            });
        }

        _source.Counts[(window, split)] = keys.Length;
        return path;
    }

    [Fact]
    public async Task VerifyAsync_ConsistentLake_IsOkWithTotals()
    {
        await _state.SaveConfigAsync(Config);
        await WindowAsync(0, 1, ["a_0", "b_0"]);
        await WindowAsync(1, 2, ["c_0"]);

        var report = await Verifier().VerifyAsync();

        Assert.True(report.Ok, string.Join("\n", report.Findings));
        Assert.Equal(3, report.LakeRows);
        Assert.Equal(3, report.DistinctKeys);
        Assert.Equal(2, report.Files);
        var reconciliation = Assert.Single(report.Reconciliations);
        Assert.Equal(3, reconciliation.SourceRows);
        Assert.True(reconciliation.Exact);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointedFileMissing_ReportsMissingFile()
    {
        await _state.SaveConfigAsync(Config);
        var path = await WindowAsync(0, 1, ["a_0"]);
        await _lake.DeleteAsync(path);

        var report = await Verifier().VerifyAsync();

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.MissingFile, finding.Kind);
        Assert.Equal(path, finding.Path);
    }

    [Fact]
    public async Task VerifyAsync_FileWithoutCheckpoint_ReportsUncheckpointedFile()
    {
        await _state.SaveConfigAsync(Config);
        await WindowAsync(0, 1, ["a_0"]);
        var orphan = await WindowAsync(1, 2, ["b_0"], checkpoint: false);

        var report = await Verifier().VerifyAsync(checkSource: false);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.UncheckpointedFile, finding.Kind);
        Assert.Equal(orphan, finding.Path);
    }

    [Fact]
    public async Task VerifyAsync_OverlappingFilesOfOneDay_ReportsOverlap_ButKeySlicesOfOneInstantDoNot()
    {
        await _state.SaveConfigAsync(Config);
        await WindowAsync(0, 2, ["a_0"]);
        await WindowAsync(1, 3, ["b_0"]);
        await WindowAsync(5, 6, ["c_0"], new KeySplit(2, 0));
        await WindowAsync(5, 6, ["d_0"], new KeySplit(2, 1));

        var report = await Verifier().VerifyAsync(checkSource: false);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.Overlap, finding.Kind);
        Assert.Equal(new Interval(Day + Hour, Day + (2 * Hour)), finding.Window);
    }

    [Fact]
    public async Task VerifyAsync_FileRowsDifferFromCheckpoint_ReportsRowCountMismatch()
    {
        await _state.SaveConfigAsync(Config);
        var path = await WindowAsync(0, 1, ["a_0", "b_0"]);
        _reader.Files[path] = ["a_0"];

        var report = await Verifier().VerifyAsync(checkSource: false);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.RowCountMismatch, finding.Kind);
        Assert.Equal(2, finding.Expected);
        Assert.Equal(1, finding.Actual);
    }

    [Fact]
    public async Task VerifyAsync_SourceNowCountsMore_ReportsSourceCountMismatch()
    {
        await _state.SaveConfigAsync(Config);
        await WindowAsync(0, 1, ["a_0"]);
        _source.Counts[(new Interval(Day, Day + Hour), null)] = 3;

        var report = await Verifier().VerifyAsync();

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.SourceCountMismatch, finding.Kind);
        Assert.Equal(3, finding.Expected);
        Assert.Equal(1, finding.Actual);
    }

    [Fact]
    public async Task VerifyAsync_KeyInTwoFiles_ReportsDuplicateKeys()
    {
        await _state.SaveConfigAsync(Config);
        await WindowAsync(0, 1, ["a_0", "b_0"]);
        await WindowAsync(1, 2, ["b_0", "c_0"]);

        var report = await Verifier().VerifyAsync(checkSource: false);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.DuplicateKeys, finding.Kind);
        Assert.Equal(1, finding.Actual);
        Assert.Equal(3, report.DistinctKeys);
        Assert.Equal(4, report.LakeRows);
    }

    [Fact]
    public async Task VerifyAsync_LakeFileThatIsNotParquet_ReportsItUnreadableAndGoesOn()
    {
        await _state.SaveConfigAsync(Config);
        var broken = await WindowAsync(0, 1, ["a_0"]); // the file holds one byte, not Parquet

        var report = await Verifier(new ParquetLakeFileReader()).VerifyAsync(checkSource: false);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKinds.UnreadableFile, finding.Kind);
        Assert.Equal(broken, finding.Path);
        Assert.Contains(broken, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileCoverageAsync_LakeFileThatIsNotParquet_ThrowsD201NamingTheFile()
    {
        // demo and report reconcile without verify's findings: an unreadable file must be a clear error, not a crash.
        await _state.SaveConfigAsync(Config);
        var broken = await WindowAsync(0, 1, ["a_0"]);

        var error = await Assert.ThrowsAsync<LogIngestException>(() => Verifier(new ParquetLakeFileReader()).ReconcileCoverageAsync(Config));

        Assert.Equal(ErrorCodes.Schema, error.Code);
        Assert.Contains(broken, error.Message, StringComparison.Ordinal);
        Assert.Contains($"logingest verify --config {Config.Id}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _state.Dispose();
        _gate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private sealed class FakeReader : ILakeFileReader
    {
        public Dictionary<string, string[]> Files { get; } = new(StringComparer.Ordinal);

        // A key "a_0" stands for the identity (the one instant every fake row shares, the key's hash code).
        public Task<long> ScanAsync(ILakeStore lake, string path, Action<LakeRowKey>? onKey, CancellationToken cancellationToken = default)
        {
            foreach (var key in Files[path])
            {
                onKey?.Invoke(new LakeRowKey(0, StringComparer.Ordinal.GetHashCode(key)));
            }

            return Task.FromResult((long)Files[path].Length);
        }

        public Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(ILakeStore lake, string path, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
    }

    /// <summary>Counts per (window, split); a span that is not a known window counts what known windows inside it hold.</summary>
    private sealed class FakeSource : ILogSource
    {
        public Dictionary<(Interval Window, KeySplit? Split), long> Counts { get; } = [];

        public Task<long> CountAsync(LogWindowQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(Counts.TryGetValue((query.Window, query.Split), out var n)
                ? n
                : Counts.Where(c => query.Split is null && query.Window.Contains(c.Key.Window)).Sum(c => c.Value));

        public Task<IReadOnlyList<HistogramBin>> GetHistogramAsync(LogHistogramQuery query, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("verification never plans");

        public IAsyncEnumerable<LogBatch> QueryAsync(LogWindowQuery query, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("verification never reads rows from the source");
    }

    private sealed class SourceProvider(ILogSource source) : ILogSourceProvider
    {
        public string Kind => SourceKinds.Simulated;

        public string KeyOf(LoadConfig config) => "fake";

        public ILogSource Create(LoadConfig config) => source;
    }
}
