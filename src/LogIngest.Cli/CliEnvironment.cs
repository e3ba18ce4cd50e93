using LogIngest.Core.Hosting;

namespace LogIngest.Cli;

/// <summary>
/// What a command runs against: its working folder, its output writers, whether a person watches
/// (live progress), and the stop (first Ctrl+C) and abort (second Ctrl+C) tokens. Tests make one
/// with a temporary folder and string writers; the process makes one from the console.
/// </summary>
public sealed class CliEnvironment : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private ConsoleCancelEventHandler? _handler;

    public CliEnvironment(string workingDirectory, TextWriter output, TextWriter error, bool interactive = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        WorkingDirectory = workingDirectory;
        Out = output ?? throw new ArgumentNullException(nameof(output));
        Error = error ?? throw new ArgumentNullException(nameof(error));
        Interactive = interactive;
    }

    public string WorkingDirectory { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when a terminal shows the output (live progress bars); false for pipes and tests.</summary>
    public bool Interactive { get; }

    /// <summary>Opens what <c>-</c> reads as an input (tests hand in their own bytes).</summary>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    public CancellationToken StopToken => _stop.Token;

    public CancellationToken AbortToken => _abort.Token;

    /// <summary>Sees every progress report of a run (tests use it to stop a run midway).</summary>
    public Action<RunProgress>? OnProgress { get; set; }

    public static CliEnvironment FromProcess()
    {
        var environment = new CliEnvironment(Directory.GetCurrentDirectory(), Console.Out, Console.Error, !Console.IsOutputRedirected);
        environment._handler = (_, e) =>
        {
            // First press: stop cleanly (in-flight windows finish and checkpoint). Second: abort.
            e.Cancel = true;
            if (!environment._stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("Stopping after the windows in flight (press Ctrl+C again to abort)...");
                environment.RequestStop();
            }
            else
            {
                Console.Error.WriteLine("Aborting; a rerun redoes the unfinished windows.");
                environment.RequestAbort();
            }
        };
        Console.CancelKeyPress += environment._handler;
        return environment;
    }

    public void RequestStop() => _stop.Cancel();

    public void RequestAbort()
    {
        _stop.Cancel();
        _abort.Cancel();
    }

    /// <summary>A path as the user gave it, relative to <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    public void Dispose()
    {
        if (_handler is not null)
        {
            Console.CancelKeyPress -= _handler;
        }

        _stop.Dispose();
        _abort.Dispose();
    }
}
