using System.Text;
using LogIngest.TestSupport.Parquet;

namespace LogIngest.Cli.Tests;

public sealed class StreamCommandTests
{
    [Fact]
    public async Task Stream_InputFile_LandsEachLineOnceAndARerunLoadsNothing()
    {
        using var sandbox = new CliSandbox();
        var lines = Enumerable.Range(0, 1000).Select(i => i % 250 == 7 ? "{broken" : $$"""{"n":{{i}},"text":"línea\t{{i}} 😀"}""");
        sandbox.WriteFile("events.ndjson", string.Join("\r\n", lines) + "\n\n");

        var first = await sandbox.RunAsync(["stream", "--input", "events.ndjson", "--hub", "app-logs", "--partitions", "3", "--batch", "100"]);
        var again = await sandbox.RunAsync(["stream", "--input", "events.ndjson", "--hub", "app-logs", "--partitions", "3"]);
        var status = await sandbox.RunAsync(["status", "--json"]);
        var verify = await sandbox.RunAsync(["verify", "--no-source"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("1000 events, 996 landed, 4 quarantined, 0 already landed", first.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("events.ndjson: taken before; nothing new", again.Out, StringComparison.Ordinal);
        var bronze = DuckDbParquet.Query($"SELECT count(*), count(DISTINCT raw_json::VARCHAR), count(DISTINCT partition) FROM {Glob(sandbox, "stream")}").Rows[0];
        Assert.Equal([996L, 996L, 3L], bronze.Select(Convert.ToInt64));
        Assert.Equal(4L, DuckDbParquet.Count(Path.Combine(sandbox.LakeFolder, "quarantine", "app-logs", "*", "*.parquet")));
        var streams = status.Json().GetProperty("streams");
        Assert.Equal([333L, 332L, 332L], streams.EnumerateArray().Select(s => s.GetProperty("sequence_number").GetInt64()));
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task Stream_StandardInputThenOverlappingCopy_VerifyReportsTheOverlap()
    {
        using var sandbox = new CliSandbox();
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => $$"""{"i":{{i}}}""" + "\n")));

        var run = await sandbox.RunAsync(["stream", "--input", "-", "--hub", "h", "--partitions", "1"], stdin: input);
        var file = Directory.GetFiles(Path.Combine(sandbox.LakeFolder, "stream", "h"), "*.parquet", SearchOption.AllDirectories).Single();
        File.Copy(file, Path.Combine(Path.GetDirectoryName(file)!, "0-40-60.parquet"));
        var verify = await sandbox.RunAsync(["verify", "--no-source"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("0-0-49.parquet", file, StringComparison.Ordinal);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("0-40-60.parquet (sequences 40-60) overlaps", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_WatchWithFilesArriving_TakesEachOnceAndRefusesAChangedFile()
    {
        using var sandbox = new CliSandbox();
        var inbox = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "inbox")).FullName;
        using var stop = new CancellationTokenSource();
        var watching = sandbox.RunAsync(["stream", "--watch", "inbox", "--hub", "h", "--partitions", "2", "--poll", "0.05", "--settle", "1"], stop: stop.Token);

        await File.WriteAllTextAsync(Path.Combine(inbox, "a.ndjson"), Lines(0, 300));
        await WaitTakenAsync(sandbox, "a.ndjson");
        var b = Path.Combine(inbox, "b.ndjson");
        await File.WriteAllTextAsync(b, Lines(300, 100) + """{"n":4""");
        await Task.Delay(200);
        await File.AppendAllTextAsync(b, "00}\n" + Lines(401, 99));
        await WaitTakenAsync(sandbox, "b.ndjson");
        await stop.CancelAsync();
        var watched = await watching;
        var rerun = await sandbox.RunAsync(["stream", "--watch", "inbox", "--hub", "h", "--partitions", "2", "--once", "--settle", "0"]);
        await File.AppendAllTextAsync(Path.Combine(inbox, "a.ndjson"), Lines(900, 1));
        var changed = await sandbox.RunAsync(["stream", "--watch", "inbox", "--hub", "h", "--partitions", "2", "--once", "--settle", "0"]);

        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Contains("2 inputs, 500 events, 500 landed, 0 quarantined", watched.Out, StringComparison.Ordinal);
        Assert.Contains("0 inputs, 0 events", rerun.Out, StringComparison.Ordinal);
        Assert.Equal(2, rerun.Out.Split("taken before; nothing new").Length - 1);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("a.ndjson changed after it was taken", changed.Error, StringComparison.Ordinal);
        var read = DuckDbParquet.Query($"SELECT count(*), count(DISTINCT raw_json::VARCHAR), max(raw_json::VARCHAR LIKE '%\"n\":400}}%') FROM {Glob(sandbox, "stream")}").Rows[0];
        Assert.Equal((500L, 500L, true), (Convert.ToInt64(read[0]), Convert.ToInt64(read[1]), (bool)read[2]!));
    }

    [Fact]
    public async Task Stream_WatchOnceFileStillBeingWritten_TakesNothing()
    {
        using var sandbox = new CliSandbox();
        var inbox = Directory.CreateDirectory(Path.Combine(sandbox.Folder, "inbox")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inbox, "fresh.ndjson"), Lines(0, 5));

        var result = await sandbox.RunAsync(["stream", "--watch", "inbox", "--hub", "h", "--once", "--settle", "60"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("fresh.ndjson: still being written", result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.LakeFolder, "stream", "h", "ingestion_date=" + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("--hub", "bad/hub", "--input", "x.ndjson")]
    [InlineData("--hub", "h", "--input", "missing.ndjson")]
    [InlineData("--hub", "h", "--watch", "inbox", "--input", "x.ndjson")]
    [InlineData("--hub", "h", "--input", "x.ndjson", "--partitions", "0")]
    public async Task Stream_BadInput_ExitsTwoNamingTheOptionAndWritesNothing(params string[] args)
    {
        using var sandbox = new CliSandbox();
        sandbox.WriteFile("x.ndjson", "{}\n");

        var result = await sandbox.RunAsync(["stream", .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches("--hub|--input|--watch|--partitions", result.Error);
        Assert.False(Directory.Exists(sandbox.LakeFolder));
    }

    private static string Lines(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i => $$"""{"n":{{i}}}""" + "\n"));

    private static string Glob(CliSandbox sandbox, string root) => DuckDbParquet.Source(Path.Combine(sandbox.LakeFolder, root, "*", "*", "*.parquet"));

    private static async Task WaitTakenAsync(CliSandbox sandbox, string name)
    {
        var checkpoint = Path.Combine(sandbox.LakeFolder, "stream", "h", "_arrivals", name + ".json");
        for (var waited = 0; waited < 300; waited++)
        {
            if (File.Exists(checkpoint) && (await File.ReadAllTextAsync(checkpoint)).Contains("\"done\":true", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{name} was not taken within 30 s");
    }
}
