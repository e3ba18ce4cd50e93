using System.CommandLine;
using System.Globalization;
using LogIngest.Core.Ports;
using LogIngest.Core.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LogIngest.Cli.Commands;

/// <summary>
/// <c>logingest stream</c>: NDJSON into a hub's bronze files through the processor the Event Hub trigger
/// uses, from one input (<c>--input</c>) or from every file that arrives in a folder (<c>--watch</c>).
/// A named file is taken once: its checkpoint (name, size, last write, and how it was played) makes a
/// rerun load nothing, resumes a take that was cut short with the same events, and refuses a file that
/// changed after it was taken.
/// </summary>
internal static class StreamCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var hub = new Option<string>("--hub") { Description = "The hub to land into (files under stream/{hub}/ and quarantine/{hub}/)", Required = true };
        var input = new Option<string>("--input") { Description = "An NDJSON file, or - for standard input: one event per line" };
        var watch = new Option<string>("--watch") { Description = "A folder: take each *.ndjson / *.jsonl file that arrives there, once" };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions the events are spread over (line i to partition i % n). Default 4" };
        var batch = new Option<int?>("--batch") { Description = "Events per partition batch handed to the processor. Default 1000" };
        var schema = new Option<string>("--schema") { Description = "A stream schema JSON file ({ \"fields\": [ { \"path\", \"column\", \"type\", \"required\" } ] }) to store as the hub's schema first" };
        var maxBytes = new Option<int?>("--max-event-bytes") { Description = "Largest event landed; larger ones are quarantined. Default 1048576" };
        var once = new Option<bool>("--once") { Description = "With --watch: take the files that are complete now, then exit" };
        var settle = new Option<double?>("--settle") { Description = "With --watch: seconds a file must stay unchanged before it is taken (it is still being written until then). Default 2" };
        var poll = new Option<double?>("--poll") { Description = "With --watch: seconds between looks at the folder. Default 1" };
        var command = new Command("stream", "Land NDJSON events as bronze Parquet (quarantining what cannot be parsed), exactly once, from a file, standard input or a watched folder.")
        {
            hub, input, watch, partitions, batch, schema, maxBytes, once, settle, poll,
        };
        CommandActions.Set(command, environment, async parse =>
        {
            var hubName = parse.GetValue(hub)!;
            Check(() => StreamFileName.ValidateHub(hubName, "--hub"));
            var (inputPath, watchFolder) = (parse.GetValue(input), parse.GetValue(watch));
            if ((inputPath is null) == (watchFolder is null))
            {
                throw new InputException("give exactly one of --input <file.ndjson|-> or --watch <folder>.");
            }

            var run = new StreamRun
            {
                Hub = hubName,
                Partitions = Positive(parse.GetValue(partitions) ?? 4, "--partitions", 1024),
                Batch = Positive(parse.GetValue(batch) ?? 1000, "--batch", 1_000_000),
                Environment = environment,
            };
            var maxEventBytes = Positive(parse.GetValue(maxBytes) ?? 1024 * 1024, "--max-event-bytes", 256 * 1024 * 1024);
            StreamSchema? hubSchema = null;
            if (parse.GetValue(schema) is { } schemaPath)
            {
                var schemaFile = environment.Resolve(schemaPath);
                hubSchema = File.Exists(schemaFile) ? StreamSchema.Parse(await File.ReadAllTextAsync(schemaFile)) : throw new InputException($"--schema: no file {schemaFile}.");
            }

            var folder = watchFolder is null ? null : environment.Resolve(watchFolder);
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new InputException($"--watch: no folder {folder}; create it or name another.");
            }

            var file = inputPath is null or "-" ? null : environment.Resolve(inputPath);
            if (file is not null && !File.Exists(file))
            {
                throw new InputException($"--input: no file {file}; give an NDJSON file or - for standard input.");
            }

            var settings = common.Read(parse, environment);
            await using var host = await CliHost.OpenAsync(settings, environment, HostUse.Load);
            await host.BindLakeAsync();
            var services = host.Services;
            var lake = services.GetRequiredService<ILakeStore>();
            var watermarks = services.GetRequiredService<IStreamWatermarkStore>();
            run.Time = services.GetRequiredService<TimeProvider>();
            run.Watermarks = watermarks;
            run.Processor = new StreamBatchProcessor(lake, watermarks, new StreamOptions { MaxEventBytes = maxEventBytes }, run.Time,
                services.GetService<ILoggerFactory>()?.CreateLogger<StreamBatchProcessor>());
            run.Ledger = new FileArrivalLedger(lake, hubName);
            if (hubSchema is not null)
            {
                await run.Processor.SaveSchemaAsync(hubName, hubSchema);
            }

            var ok = true;
            if (folder is not null)
            {
                ok = await WatchAsync(run, folder, parse.GetValue(once), TimeSpan.FromSeconds(NonNegative(parse.GetValue(settle) ?? 2, "--settle")), TimeSpan.FromSeconds(NonNegative(parse.GetValue(poll) ?? 1, "--poll")));
            }
            else if (file is not null)
            {
                ok = await run.TakeAsync(new FileInfo(file));
            }
            else
            {
                var stdin = environment.OpenStandardInput();
                await using (stdin)
                {
                    var next = await NdjsonStreamFeed.NextSequencesAsync(watermarks, hubName, run.Partitions, environment.StopToken);
                    run.Add(await run.Feed(run.Partitions).FeedAsync(stdin, next, run.Time.GetUtcNow(), null, run.Progress, environment.AbortToken));
                }
            }

            await run.WriteSummaryAsync();
            return ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    // Polls the folder until stopped (or once): each complete file that has no checkpoint yet is taken.
    private static async Task<bool> WatchAsync(StreamRun run, string folder, bool once, TimeSpan settle, TimeSpan poll)
    {
        var ok = true;
        var seen = new Dictionary<string, (long Size, DateTimeOffset LastWrite)>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var files = Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                .Select(f => new FileInfo(f))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            foreach (var info in files)
            {
                if (run.Environment.StopToken.IsCancellationRequested)
                {
                    return ok;
                }

                var state = (info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
                var unchanged = seen.TryGetValue(info.Name, out var before) && before == state;
                seen[info.Name] = state;
                var settled = run.Time.GetUtcNow() - state.Item2 >= settle && (once || unchanged);
                if (reported.Contains(info.Name))
                {
                    continue;
                }

                var taken = await run.Ledger.GetAsync(info.Name);
                if (taken is null && !settled)
                {
                    if (once)
                    {
                        run.Environment.Out.WriteLine($"  {info.Name}: still being written (changed within the last {settle.TotalSeconds:0.#} s); not taken");
                    }

                    continue;
                }

                if (!await run.TakeAsync(info, taken))
                {
                    ok = false;
                    reported.Add(info.Name);
                }
            }

            if (once || run.Environment.StopToken.IsCancellationRequested)
            {
                return ok;
            }

            try
            {
                await Task.Delay(poll, run.Time, run.Environment.StopToken);
            }
            catch (OperationCanceledException)
            {
                return ok;
            }
        }
    }

    private static void Check(Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static int Positive(int value, string option, int max) =>
        value >= 1 && value <= max ? value : throw new InputException($"{option} must be from 1 to {max.ToString(CultureInfo.InvariantCulture)}; got {value.ToString(CultureInfo.InvariantCulture)}.");

    private static double NonNegative(double value, string option) =>
        value >= 0 && double.IsFinite(value) ? value : throw new InputException($"{option} must be zero or more seconds; got {value.ToString(CultureInfo.InvariantCulture)}.");

    /// <summary>One command's hub, processor, checkpoints and running totals.</summary>
    private sealed class StreamRun
    {
        private StreamFeedTotals _totals = StreamFeedTotals.Zero;
        private int _inputs;

        public required string Hub { get; init; }

        public required int Partitions { get; init; }

        public required int Batch { get; init; }

        public required CliEnvironment Environment { get; init; }

        public TimeProvider Time { get; set; } = TimeProvider.System;

        public StreamBatchProcessor Processor { get; set; } = null!;

        public IStreamWatermarkStore Watermarks { get; set; } = null!;

        public FileArrivalLedger Ledger { get; set; } = null!;

        public NdjsonStreamFeed Feed(int partitions) => new(Processor, Hub, partitions, Batch);

        public void Add(StreamFeedTotals totals)
        {
            _totals = _totals.Add(totals);
            _inputs++;
        }

        public void Progress(StreamBatchResult result)
        {
            if (Environment.Interactive)
            {
                Environment.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {_totals.Events + result.Events} events..."));
            }
        }

        /// <summary>Takes one file unless its checkpoint says it is done; false (reported) when it changed after it was taken.</summary>
        public async Task<bool> TakeAsync(FileInfo info, FileArrival? taken = null)
        {
            taken ??= await Ledger.GetAsync(info.Name);
            var lastWrite = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            if (taken is not null && !taken.Matches(info.Length, lastWrite))
            {
                await Environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"error: {info.Name} changed after it was taken ({taken.Size} bytes written {taken.LastWrite:O}, now {info.Length} bytes written {lastWrite:O}); it is not loaded again: give new events a new file."));
                return false;
            }

            if (taken is { Done: true })
            {
                Environment.Out.WriteLine($"  {info.Name}: taken before; nothing new");
                return true;
            }

            // A take cut short is replayed with the same sequences and enqueued time, so nothing lands twice.
            taken ??= new FileArrival
            {
                Name = info.Name,
                Size = info.Length,
                LastWrite = lastWrite,
                TakenAt = Time.GetUtcNow(),
                FirstSequence = await NdjsonStreamFeed.NextSequencesAsync(Watermarks, Hub, Partitions, Environment.StopToken),
            };
            await Ledger.SaveAsync(taken);
            StreamFeedTotals totals;
            var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream)
            {
                totals = await Feed(taken.FirstSequence.Count).FeedAsync(stream, taken.FirstSequence, taken.TakenAt, null, Progress, Environment.AbortToken);
            }

            await Ledger.SaveAsync(taken with { Done = true, Events = totals.Events });
            Add(totals);
            Environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {info.Name}: {totals.Events} events, {totals.Landed} landed, {totals.Quarantined} quarantined, {totals.Skipped} already landed"));
            return true;
        }

        public async Task WriteSummaryAsync()
        {
            if (Environment.Interactive)
            {
                await Environment.Error.WriteLineAsync();
            }

            var marks = await Watermarks.ListStreamWatermarksAsync(Hub);
            var lag = marks.Count == 0 ? "-" : marks.Max(w => w.Lag).ToString("c", CultureInfo.InvariantCulture);
            Environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stream {Hub}: {_inputs} inputs, {_totals.Events} events, {_totals.Landed} landed, {_totals.Quarantined} quarantined, {_totals.Skipped} already landed, {_totals.Files} files; lag {lag} (largest over {marks.Count} partitions)"));
        }
    }
}
