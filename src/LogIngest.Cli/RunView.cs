using System.Collections.Concurrent;
using System.Globalization;
using LogIngest.Core.Hosting;
using Spectre.Console;

namespace LogIngest.Cli;

/// <summary>
/// Shows a run while it runs: live Spectre.Console bars per range and for the totals on a terminal,
/// one plain line per completed window otherwise, nothing at all for <c>--json</c>.
/// </summary>
public static class RunView
{
    public static async Task<RunOutcome> RunAsync(RunService runs, string configId, CliEnvironment environment, bool json)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(environment);
        var request = new RunRequest { RunId = runs.NewRunId(configId), StopToken = environment.StopToken, AbortToken = environment.AbortToken };
        if (json)
        {
            return await runs.RunAsync(configId, request with { Progress = Observer(environment, null) });
        }

        if (!environment.Interactive)
        {
            environment.Out.WriteLine($"run {request.RunId}");
            var last = -1;
            return await runs.RunAsync(configId, request with
            {
                Progress = Observer(environment, p =>
                {
                    var done = p.WindowsCompleted + p.WindowsFailed;
                    if (Interlocked.Exchange(ref last, done) != done)
                    {
                        environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  range {p.Range.RangeIndex}: {p.Range.WindowsCompleted}/{p.Range.WindowsPlanned} windows | total {p.WindowsCompleted}/{p.WindowsPlanned} windows, {p.WindowsFailed} failed, {p.Rows:N0} rows"));
                    }
                }),
            });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Out), Interactive = InteractionSupport.Yes });
        console.MarkupLine($"run [bold]{Markup.Escape(request.RunId!)}[/]");
        var updates = new ConcurrentQueue<RunProgress>();
        RunOutcome? outcome = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var total = context.AddTask("[bold]total[/]", maxValue: 1);
                var ranges = new Dictionary<int, ProgressTask>();
                var running = runs.RunAsync(configId, request with { Progress = Observer(environment, updates.Enqueue) });
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(100));
                    while (updates.TryDequeue(out var p))
                    {
                        if (!ranges.TryGetValue(p.Range.RangeIndex, out var task))
                        {
                            task = context.AddTask($"range {p.Range.RangeIndex}", maxValue: 1);
                            ranges[p.Range.RangeIndex] = task;
                        }

                        task.MaxValue = Math.Max(1, p.Range.WindowsPlanned);
                        task.Value = p.Range.WindowsCompleted + p.Range.WindowsFailed;
                        total.MaxValue = Math.Max(1, p.WindowsPlanned);
                        total.Value = p.WindowsCompleted + p.WindowsFailed;
                        total.Description = string.Create(CultureInfo.InvariantCulture, $"[bold]total[/] {p.WindowsCompleted}/{p.WindowsPlanned} windows, {p.Rows:N0} rows");
                    }
                }

                outcome = await running;
                total.Value = total.MaxValue;
                foreach (var task in ranges.Values)
                {
                    task.StopTask();
                }

                total.StopTask();
            });
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
}
