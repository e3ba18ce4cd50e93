using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Sources;
using LogIngest.Local.Hosting;
using LogIngest.Local.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Benchmarks;

/// <summary>
/// <c>e2e</c>: whole simulated days of the wide table (default 2,000,000 rows a day) loaded by the real
/// workflows: the workspace's HTTP face on loopback → Log Analytics client → transform → Parquet →
/// folder lake, SQLite state. Figures: rows/s, MB/s of response JSON, the process's peak working set,
/// lake bytes per row. The peer, in the same run: DuckDB in process converting the same rows from an
/// NDJSON file to one snappy Parquet file. Options: <c>--days N</c> (default 1), <c>--rows-per-day N</c>,
/// <c>--scaling</c> (1, 4 and 16 days, each in a fresh lake; prints the three rates).
/// </summary>
internal static class E2eBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 2, 3, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var rowsPerDay = Option(args, "--rows-per-day", 2_000_000);
        if (args.Contains("--scaling"))
        {
            var rates = new List<double>();
            foreach (var days in new[] { 1, 4, 16 })
            {
                var (rate, _) = await LoadAsync(days, rowsPerDay, peer: false);
                rates.Add(rate);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e-scaling rows_per_s_1d={rates[0]:F0} rows_per_s_4d={rates[1]:F0} rows_per_s_16d={rates[2]:F0} change_1_to_16={(rates[2] / rates[0]) - 1:P1}"));
            return 0;
        }

        var (_, ok) = await LoadAsync((int)Option(args, "--days", 1), rowsPerDay, peer: true);
        return ok ? 0 : 1;
    }

    private static async Task<(double RowsPerSecond, bool Ok)> LoadAsync(int days, long rowsPerDay, bool peer)
    {
        var folder = Path.Combine(Path.GetTempPath(), "logingest-bench-e2e-" + Guid.NewGuid().ToString("N"));
        var workspaceOptions = new SimulatedWorkspaceOptions { Seed = 7, OfficeActivityRowsPerDay = rowsPerDay };
        var now = new FixedClock(Start.AddDays(days + 2));
        await using var server = await SimulatedLogAnalyticsServer.StartAsync(new SimulatedWorkspace(workspaceOptions, now));
        var counter = new CountingHandler(server.CreateTrustingHandler());
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(now);
            services.AddLogIngest();
            services.AddLogIngestLocal(local =>
            {
                local.DatabasePath = Path.Combine(folder, "state.db");
                local.LakeRoot = Path.Combine(folder, "lake");
                local.Simulation = workspaceOptions;
            });
            services.AddAzureLogAnalytics(o =>
            {
                o.Endpoint = server.Endpoint;
                o.Transport = new HttpClientTransport(counter);
            }, new StaticCredential());
            await using var provider = services.BuildServiceProvider();
            var runs = provider.GetRequiredService<RunService>();
            var config = new LoadConfig
            {
                Id = "e2e",
                Table = "OfficeActivity",
                Source = new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = server.WorkspaceId },
                From = Start,
                To = Start.AddDays(days),
            };
            await runs.SaveConfigAsync(config);

            var clock = Stopwatch.StartNew();
            var outcome = await runs.RunAsync(config.Id);
            var seconds = clock.Elapsed.TotalSeconds;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var summary = outcome.Summary;
            var rate = summary.Rows / seconds;
            var mb = counter.Bytes / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ours: {days} day(s), {summary.Rows:N0} rows ({summary.Status}, source {summary.SourceRows:N0}) in {seconds:F1} s: {rate:F0} rows/s, {mb / seconds:F1} MB/s of response JSON ({mb:F0} MB), {summary.WindowsCompleted} windows, {summary.Files} files, {outcome.Queries} queries; peak working set {process.PeakWorkingSet64 / 1e6:F0} MB; lake {summary.Bytes / (double)summary.Rows:F1} bytes/row"));
            if (!peer)
            {
                return (rate, summary.Rows > 0);
            }

            var unlimited = new SimulatedWorkspaceOptions { Seed = workspaceOptions.Seed, OfficeActivityRowsPerDay = rowsPerDay, MaxResultRows = long.MaxValue, MaxResultBytes = long.MaxValue };
            var duck = await NdJson.DuckDbConvertAsync(new SimulatedWorkspace(unlimited, now), Interval.FromUtc(Start.UtcDateTime, Start.AddDays(days).UtcDateTime), folder, summary.Rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"duckdb: the same rows from NDJSON ({duck.InputBytes / 1e6:F0} MB) to snappy Parquet in {duck.Seconds:F1} s: {summary.Rows / duck.Seconds:F0} rows/s, {duck.Bytes / (double)summary.Rows:F1} bytes/row"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e rows_per_s={rate:F0} peak_rss_mb={process.PeakWorkingSet64 / 1e6:F0} ratio_vs_duckdb={seconds / duck.Seconds:F2} lake_bytes_per_row={summary.Bytes / (double)summary.Rows:F1} duckdb_bytes_per_row={duck.Bytes / (double)summary.Rows:F1}"));
            return (rate, summary.Rows > 0 && summary.Rows == summary.SourceRows);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Option(string[] args, string name, long fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("bench", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }

    // Counts the response bytes the client reads.
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var counted = new StreamContent(new CountingStream(body, n => Interlocked.Add(ref _bytes, n)));
            foreach (var header in response.Content.Headers)
            {
                counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = counted;
            return response;
        }
    }

    private sealed class CountingStream(Stream inner, Action<int> count) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count1)
        {
            var n = inner.Read(buffer, offset, count1);
            count(n);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            count(n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count1, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count1), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count1) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
