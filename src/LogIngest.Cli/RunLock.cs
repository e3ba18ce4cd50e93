using System.Globalization;

namespace LogIngest.Cli;

/// <summary>
/// One run of a config at a time across processes on one folder state: an exclusive lock on
/// <c>runs/{configId}.lock</c> beside state.db, held for the whole command and released by the
/// operating system when the process ends however it ends (a killed run never leaves it held). The
/// holder's run id sits in <c>{configId}.run</c>, so the refusal names the running run. A Cosmos DB
/// state is shared by machines a file lock cannot see; there it is not taken.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream? _lock;

    private RunLock(FileStream? held) => _lock = held;

    /// <summary>Takes the config's lock for <paramref name="runId"/>; <see cref="InputException"/> naming the running run when another process holds it.</summary>
    public static RunLock Take(StateLocation state, string configId, string runId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Folder is not { } folder)
        {
            return new RunLock(null);
        }

        var runs = Path.Combine(folder, "runs");
        Directory.CreateDirectory(runs);
        var owner = Path.Combine(runs, configId + ".run");
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(runs, configId + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var running = File.Exists(owner) ? File.ReadAllText(owner).Trim() : "(unknown run)";
            throw new InputException($"config '{configId}' is being loaded by another process: {running}. Wait for that run to end (or stop it with Ctrl+C), then run again; one run of a config at a time keeps its checkpoints and files consistent.");
        }

        File.WriteAllText(owner, string.Create(CultureInfo.InvariantCulture,
            $"run {runId}, process {Environment.ProcessId}, started {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
        return new RunLock(held);
    }

    public void Dispose() => _lock?.Dispose();
}
