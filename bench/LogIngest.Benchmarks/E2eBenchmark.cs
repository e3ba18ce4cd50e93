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
/// folder lake, SQLite state. The server runs in this process and each load in a child process of its
/// own (this executable again, with <c>--child</c>), so the peak working set and CPU time reported are
/// the load's alone and one load's garbage never weighs on the next. Figures: rows/s, MB/s of response
/// JSON, the load's peak working set and CPU seconds, lake bytes per row. The peer, in the same run:
/// DuckDB in process converting the same rows from an NDJSON file to one snappy Parquet file. Options:
/// <c>--days N</c> (default 1), <c>--rows-per-day N</c>, <c>--scaling</c> (1, 4 and 16 days, each in a
/// fresh lake and process; prints the three rates), <c>--columns</c> (compressed bytes per column of
/// the lake and of the peer's file).
/// </summary>
internal static class E2eBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 2, 3, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var rowsPerDay = Option(args, "--rows-per-day", 2_000_000);
        if (args.Contains("--child"))
        {
            return await LoadInThisProcessAsync(args, rowsPerDay);
        }

        if (args.Contains("--scaling"))
        {
            var rates = new List<double>();
            foreach (var days in new[] { 1, 4, 16 })
            {
                var (rate, _) = await LoadAsync(days, rowsPerDay, peer: false, columns: false);
                rates.Add(rate);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e-scaling rows_per_day={rowsPerDay} rows_per_s_1d={rates[0]:F0} rows_per_s_4d={rates[1]:F0} rows_per_s_16d={rates[2]:F0} change_1_to_16={(rates[2] / rates[0]) - 1:P1}"));
            return 0;
        }

        var (_, ok) = await LoadAsync((int)Option(args, "--days", 1), rowsPerDay, peer: true, columns: args.Contains("--columns"));
        return ok ? 0 : 1;
    }

    private static async Task<(double RowsPerSecond, bool Ok)> LoadAsync(int days, long rowsPerDay, bool peer, bool columns)
    {
        var folder = Path.Combine(Path.GetTempPath(), "logingest-bench-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var workspaceOptions = new SimulatedWorkspaceOptions { Seed = 7, OfficeActivityRowsPerDay = rowsPerDay };
        var now = new FixedClock(Start.AddDays(days + 2));
        await using var server = await SimulatedLogAnalyticsServer.StartAsync(new SimulatedWorkspace(workspaceOptions, now));
        try
        {
            // The server shares the machine's cores with the load; its CPU time is this process's during the load.
            using var self = Process.GetCurrentProcess();
            var serverCpu = self.TotalProcessorTime;
            var load = await RunChildAsync(server, folder, days, rowsPerDay);
            self.Refresh();
            serverCpu = self.TotalProcessorTime - serverCpu;
            var rate = load.Rows / load.Seconds;
            var mb = load.ResponseBytes / 1e6;
            var bytesPerRow = load.Bytes / (double)load.Rows;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ours: {days} day(s), {load.Rows:N0} rows ({load.Status}, source {load.SourceRows:N0}) in {load.Seconds:F1} s ({load.CpuSeconds:F1} s CPU): {rate:F0} rows/s, {mb / load.Seconds:F1} MB/s of response JSON ({mb:F0} MB), {load.Windows} windows, {load.Files} files, {load.Queries} queries; the load's peak working set {load.PeakWorkingSet / 1e6:F0} MB; lake {bytesPerRow:F1} bytes/row; the simulated server's CPU meanwhile {serverCpu.TotalSeconds:F1} s"));
            if (!peer)
            {
                return (rate, load.Rows > 0);
            }

            var unlimited = new SimulatedWorkspaceOptions { Seed = workspaceOptions.Seed, OfficeActivityRowsPerDay = rowsPerDay, MaxResultRows = long.MaxValue, MaxResultBytes = long.MaxValue };
            var duck = await NdJson.DuckDbConvertAsync(new SimulatedWorkspace(unlimited, now), Interval.FromUtc(Start.UtcDateTime, Start.AddDays(days).UtcDateTime), folder, load.Rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"duckdb: the same rows from NDJSON ({duck.InputBytes / 1e6:F0} MB) to snappy Parquet in {duck.Seconds:F1} s ({duck.CpuSeconds:F1} s CPU): {load.Rows / duck.Seconds:F0} rows/s, {duck.Bytes / (double)load.Rows:F1} bytes/row; CPU ratio {load.CpuSeconds / duck.CpuSeconds:F2}"));
            if (columns)
            {
                PrintColumns("lake", Path.Combine(folder, "lake", "**", "*.parquet"), load.Rows);
                PrintColumns("duckdb", Path.Combine(folder, "peer.parquet"), load.Rows);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e rows_per_s={rate:F0} peak_rss_mb={load.PeakWorkingSet / 1e6:F0} ratio_vs_duckdb={load.Seconds / duck.Seconds:F2} lake_bytes_per_row={bytesPerRow:F1} duckdb_bytes_per_row={duck.Bytes / (double)load.Rows:F1}"));
            return (rate, load.Rows > 0 && load.Rows == load.SourceRows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The load in a process of its own; it answers with one JSON line on stdout.
    private static async Task<LoadFigures> RunChildAsync(SimulatedLogAnalyticsServer server, string folder, int days, long rowsPerDay)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(E2eBenchmark).Assembly.Location);
        }

        foreach (var arg in new[]
        {
            "e2e", "--child", "--folder", folder, "--endpoint", server.Endpoint.ToString(), "--workspace", server.WorkspaceId,
            "--thumbprint", server.Certificate?.Thumbprint ?? string.Empty,
            "--days", days.ToString(CultureInfo.InvariantCulture), "--rows-per-day", rowsPerDay.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The load's process did not start.");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        return child.ExitCode == 0 && line is not null
            ? JsonSerializer.Deserialize<LoadFigures>(line)!
            : throw new InvalidOperationException($"The load's process ended with exit code {child.ExitCode}: {output.Trim()}");
    }

    private static async Task<int> LoadInThisProcessAsync(string[] args, long rowsPerDay)
    {
        var folder = Text(args, "--folder");
        var days = (int)Option(args, "--days", 1);
        var thumbprint = Text(args, "--thumbprint");
        var workspaceOptions = new SimulatedWorkspaceOptions { Seed = 7, OfficeActivityRowsPerDay = rowsPerDay };
        var now = new FixedClock(Start.AddDays(days + 2));
        var counter = new CountingHandler(new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None || (presented is System.Security.Cryptography.X509Certificates.X509Certificate2 c && c.Thumbprint == thumbprint),
            },
        });
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
            o.Endpoint = new Uri(Text(args, "--endpoint"));
            o.Transport = new HttpClientTransport(counter);
        }, new StaticCredential());
        await using var provider = services.BuildServiceProvider();
        var runs = provider.GetRequiredService<RunService>();
        var config = new LoadConfig
        {
            Id = "e2e",
            Table = "OfficeActivity",
            Source = new SourceSpec { Kind = SourceKinds.LogAnalytics, WorkspaceId = Text(args, "--workspace") },
            From = Start,
            To = Start.AddDays(days),
        };
        await runs.SaveConfigAsync(config);

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var outcome = await runs.RunAsync(config.Id);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var summary = outcome.Summary;
        Console.WriteLine(JsonSerializer.Serialize(new LoadFigures(
            summary.Rows, summary.SourceRows, summary.Status.ToString(), seconds, (process.TotalProcessorTime - cpu).TotalSeconds, process.PeakWorkingSet64,
            summary.Bytes, counter.Bytes, summary.WindowsCompleted, summary.Files, outcome.Queries)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    private static void PrintColumns(string label, string glob, long rows)
    {
        foreach (var (column, bytes, encodings) in DuckDbPeer.ColumnSizes(glob))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label} {column,-32} {bytes / (double)rows,7:F2} bytes/row  {encodings}"));
        }
    }

    private static string Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} is required.");
    }

    private static long Option(string[] args, string name, long fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record LoadFigures(
        long Rows, long SourceRows, string Status, double Seconds, double CpuSeconds, long PeakWorkingSet, long Bytes, long ResponseBytes, int Windows, int Files, long Queries);

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
