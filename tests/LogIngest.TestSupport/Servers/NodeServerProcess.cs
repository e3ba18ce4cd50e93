using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LogIngest.TestSupport.Servers;

/// <summary>
/// One Node server process for tests: started on free loopback ports, awaited until it answers, and
/// killed (whole process tree) on dispose. The server also exits by itself when the test host dies,
/// because it is started with a preload script that exits when its stdin pipe closes.
/// </summary>
public sealed class NodeServerProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private const int Attempts = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Queue<string> _outputTail = new();
    private int _disposed;

    private NodeServerProcess(Process process, NodeServerLaunch launch)
    {
        _process = process;
        Launch = launch;
    }

    /// <summary>What was started.</summary>
    public NodeServerLaunch Launch { get; }

    /// <summary>Operating-system id of the server process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the server process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote to stdout and stderr, for failure messages.</summary>
    public string OutputTail
    {
        get
        {
            lock (_outputTail)
            {
                return string.Join('\n', _outputTail);
            }
        }
    }

    /// <summary>
    /// Starts a server and waits until it answers. <paramref name="createLaunch"/> is called once per
    /// attempt so it can pick fresh free ports: a port handed out by <see cref="FreePort"/> can be taken
    /// by someone else before the server binds it, so a server that exits early is retried.
    /// </summary>
    public static async Task<NodeServerProcess> StartAsync(Func<NodeServerLaunch> createLaunch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createLaunch);
        for (var attempt = 1; ; attempt++)
        {
            var server = Spawn(createLaunch());
            try
            {
                await server.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (ServerExitedException) when (attempt < Attempts)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// The start info for <c>node --require exit-with-parent.cjs script args</c>, with stdin kept as a
    /// pipe owned by the caller: closing it (or the caller dying) ends the server.
    /// </summary>
    public static ProcessStartInfo CreateStartInfo(string scriptPath, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(scriptPath);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException(
                "Test server script not found; run ./test.sh once to install the npm packages under tests/.", scriptPath);
        }

        var info = new ProcessStartInfo(NodeRuntime.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.TestsFolder,
        };
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(NodeRuntime.ExitWithParentScript);
        info.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Kills the server and everything it started, and waits until they are gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process ended between the check and the kill: nothing left to stop.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static NodeServerProcess Spawn(NodeServerLaunch launch)
    {
        var process = new Process { StartInfo = CreateStartInfo(launch.ScriptPath, launch.Arguments), EnableRaisingEvents = true };
        var server = new NodeServerProcess(process, launch);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            while (_outputTail.Count > TailLines)
            {
                _outputTail.Dequeue();
            }
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the last output lines for the message
                throw new ServerExitedException(Describe(
                    string.Format(CultureInfo.InvariantCulture, "exited with code {0} before answering", _process.ExitCode)));
            }

            try
            {
                using var response = await http.GetAsync(Launch.ReadinessUri, cancellationToken).ConfigureAwait(false);
                return; // Any HTTP answer, even 403, means the server is listening and handling requests.
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; the overall deadline below bounds the wait.
            }

            if (deadline.Elapsed > Launch.StartupTimeout)
            {
                throw new TimeoutException(Describe(
                    string.Format(CultureInfo.InvariantCulture, "did not answer within {0:0} s", Launch.StartupTimeout.TotalSeconds)));
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private string Describe(string what)
    {
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Test server '{Launch.Name}' {what} at {Launch.ReadinessUri}.")
            .Append(CultureInfo.InvariantCulture, $" Command: node {string.Join(' ', _process.StartInfo.ArgumentList)}.");
        var tail = OutputTail;
        message.Append(tail.Length == 0 ? " It wrote no output." : " Its last output:\n" + tail);
        return message.ToString();
    }

    private sealed class ServerExitedException(string message) : InvalidOperationException(message);
}
