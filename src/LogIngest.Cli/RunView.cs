using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LogIngest.Core.Hosting;
using Spectre.Console;

namespace LogIngest.Cli;

/// <summary>
/// Shows a run while it runs: live Spectre.Console bars per range and for the totals on a terminal,
/// one plain line per completed window otherwise, nothing at all for <c>--json</c>. Totals never go
/// back, the planning phase is labelled, and the rate and ETA come from the rows the plans expect.
/// </summary>
public static class RunView
{
    public static async Task<RunOutcome> RunAsync(RunService runs, string configId, CliEnvironment environment, bool json, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(environment);
        var request = new RunRequest { RunId = runId ?? runs.NewRunId(configId), StopToken = environment.StopToken, AbortToken = environment.AbortToken };
        if (json)
        {
            return await runs.RunAsync(configId, request with { Progress = Observer(environment, null) });
        }

        var meter = new Meter();
        if (!environment.Interactive)
        {
            environment.Out.WriteLine($"run {request.RunId}");
            environment.Out.WriteLine("  planning: one histogram query per range, then windows under the config's limits");
            var last = -1;
            return await runs.RunAsync(configId, request with
            {
                Progress = Observer(environment, p =>
                {
                    var done = p.WindowsCompleted + p.WindowsFailed;
                    if (done > 0 && Interlocked.Exchange(ref last, done) != done)
                    {
                        environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  range {p.Range.RangeIndex}: {p.Range.WindowsCompleted}/{p.Range.WindowsPlanned} windows | total {meter.Describe(p)}"));
                    }
                }),
            });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Out), Interactive = InteractionSupport.Yes });
        console.MarkupLine($"run [bold]{Markup.Escape(request.RunId!)}[/]");
        var updates = new ConcurrentQueue<RunProgress>();
        var notices = new ConcurrentQueue<string>();
        RunOutcome? outcome = null;
        environment.Notices = notices.Enqueue;
        try
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var total = context.AddTask("[bold]planning[/] (one histogram query per range)", maxValue: 1);
                    ProgressTask? notice = null;
                    var ranges = new Dictionary<int, ProgressTask>();
                    var running = runs.RunAsync(configId, request with { Progress = Observer(environment, updates.Enqueue) });
                    while (true)
                    {
                        var ended = running.IsCompleted;
                        await Task.WhenAny(running, Task.Delay(100));
                        while (notices.TryDequeue(out var n))
                        {
                            // A row of its own under the bars: a line written across them would be drawn over.
                            var text = $"[yellow]{Markup.Escape(n == CliEnvironment.StoppingNotice ? "stopping: no new window starts (Ctrl+C again aborts)" : n)}[/]";
                            notice ??= context.AddTask(text, maxValue: 1);
                            notice.IsIndeterminate = true;
                            notice.Description = text;
                        }

                        while (updates.TryDequeue(out var p))
                        {
                            if (!ranges.TryGetValue(p.Range.RangeIndex, out var task))
                            {
                                task = context.AddTask($"range {p.Range.RangeIndex}", maxValue: 1);
                                ranges[p.Range.RangeIndex] = task;
                            }

                            task.MaxValue = Math.Max(1, p.Range.WindowsPlanned);
                            task.Value = p.Range.WindowsCompleted + p.Range.WindowsFailed;
                            total.MaxValue = Math.Max(total.MaxValue, p.WindowsPlanned); // a total never shrinks
                            total.Value = p.WindowsCompleted + p.WindowsFailed;
                            total.Description = "[bold]total[/] " + Markup.Escape(meter.Describe(p));
                        }

                        if (ended)
                        {
                            break; // one last pass after the end: what the run said last is shown
                        }
                    }

                    outcome = await running;
                    foreach (var task in ranges.Values)
                    {
                        task.StopTask();
                    }

                    total.StopTask();
                    notice?.StopTask();
                });
        }
        finally
        {
            environment.Notices = null;
        }

        return outcome!;
    }

    private static Progress Observer(CliEnvironment environment, Action<RunProgress>? show) =>
        new(p =>
        {
            environment.OnProgress?.Invoke(p);
            show?.Invoke(p);
        });

    /// <summary>Reports synchronously on the reporting thread (System.Progress posts to a context we do not have).</summary>
    private sealed class Progress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    /// <summary>Totals as azcopy users read them: windows, rows, rows/s since loading began, and an ETA from the planned rows.</summary>
    internal sealed class Meter
    {
        private readonly Stopwatch _loading = new();
        private int _planned;

        public string Describe(RunProgress p)
        {
            ArgumentNullException.ThrowIfNull(p);
            if (!_loading.IsRunning)
            {
                _loading.Start();
            }

            _planned = Math.Max(_planned, p.WindowsPlanned);
            var seconds = _loading.Elapsed.TotalSeconds;
            var rate = seconds > 0.5 ? p.Rows / seconds : 0;
            var eta = rate > 0 && p.EstimatedRows > p.Rows ? TimeSpan.FromSeconds((p.EstimatedRows - p.Rows) / rate) : (TimeSpan?)null;
            return string.Create(CultureInfo.InvariantCulture,
                $"{p.WindowsCompleted}/{_planned} windows, {p.WindowsFailed} failed, {p.Rows:N0}{(p.EstimatedRows > 0 ? $" of ~{Math.Max(p.EstimatedRows, p.Rows):N0}" : string.Empty)} rows, {rate:N0} rows/s{(eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : string.Empty)}");
        }
    }
}
