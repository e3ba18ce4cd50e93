using Azure.Core;
using Azure.Core.Pipeline;
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

    /// <summary>Signs in to Azure services; null uses DefaultAzureCredential (az login, managed identity, AZURE_* variables).</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>The HTTP transport of Log Analytics queries (tests: a local workspace's certificate); null uses Azure.Core's.</summary>
    public HttpPipelineTransport? LogAnalyticsTransport { get; init; }

    /// <summary>Environment variables by name (connection strings named by <c>--lake env:NAME</c>, <c>--state env:NAME</c>); null reads the process's.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>One environment variable, or null when it is not set.</summary>
    public string? Variable(string name) =>
        Variables is { } given ? given.GetValueOrDefault(name) : Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

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
                environment.RequestStop();
            }
            else
            {
                environment.RequestAbort();
            }
        };
        Console.CancelKeyPress += environment._handler;
        return environment;
    }

    /// <summary>
    /// Where notices such as "Stopping..." go while a live progress display owns the terminal (it shows
    /// them in place rather than let a line draw over its bars); null writes them to <see cref="Error"/>.
    /// </summary>
    public Action<string>? Notices { get; set; }

    /// <summary>A first Ctrl+C: windows in flight finish and checkpoint, no queued window starts.</summary>
    public void RequestStop()
    {
        if (!_stop.IsCancellationRequested)
        {
            Notify(StoppingNotice);
        }

        _stop.Cancel();
    }

    /// <summary>A second Ctrl+C: in-flight windows are abandoned (a rerun redoes them).</summary>
    public void RequestAbort()
    {
        if (!_abort.IsCancellationRequested)
        {
            Notify("Aborting; a rerun redoes the unfinished windows.");
        }

        _stop.Cancel();
        _abort.Cancel();
    }

    /// <summary>The notice a stop request shows.</summary>
    public const string StoppingNotice = "Stopping after the windows in flight (press Ctrl+C again to abort)...";

    private void Notify(string notice)
    {
        if (Notices is { } show)
        {
            show(notice);
        }
        else
        {
            Error.WriteLine(notice);
        }
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
