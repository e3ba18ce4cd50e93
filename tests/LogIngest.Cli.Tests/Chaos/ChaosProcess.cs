using System.Diagnostics;
using System.Text;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>How one child run of <c>logingest</c> ended.</summary>
public sealed record ChaosAttempt(int? ExitCode, bool Killed, TimeSpan Duration, string Output)
{
    public bool Succeeded => !Killed && ExitCode == 0;
}

/// <summary>
/// Runs <c>logingest</c> as a child process and, when told, SIGKILLs it (the whole tree) a given time
/// after it starts talking to the services, so the kill lands in its work, not in .NET's start-up.
/// </summary>
public static class ChaosProcess
{
    /// <summary>A run that takes longer than this is killed and reported as hung.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <param name="requests">Requests the services have received so far: the kill's clock starts when it grows.</param>
    public static async Task<ChaosAttempt> RunAsync(CliSandbox sandbox, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> args, TimeSpan? killAfterStart, Func<long> requests)
    {
        var started = Stopwatch.StartNew();
        var before = requests();
        using var process = sandbox.StartProcess(args, environment);
        var output = new StringBuilder();
        var reading = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, output));
        var exited = process.WaitForExitAsync();
        if (killAfterStart is { } delay)
        {
            while (requests() == before && !exited.IsCompleted && started.Elapsed < Limit)
            {
                await Task.Delay(20);
            }

            if (await Task.WhenAny(exited, Task.Delay(delay)) != exited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                await reading;
                return new ChaosAttempt(null, true, started.Elapsed, output.ToString());
            }
        }

        if (await Task.WhenAny(exited, Task.Delay(Limit)) != exited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await reading;
            return new ChaosAttempt(null, false, started.Elapsed, output.Append($"\n(hung: killed after {Limit.TotalSeconds:0} s)").ToString());
        }

        await reading;
        return new ChaosAttempt(process.ExitCode, false, started.Elapsed, output.ToString());
    }

    private static async Task Pump(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
