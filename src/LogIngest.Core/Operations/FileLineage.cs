using LogIngest.Core.Activities;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Transform;
using LogIngest.Core.Verification;

namespace LogIngest.Core.Operations;

/// <summary>
/// Who wrote one lake file: what its footer says (<see cref="File"/>), the checkpoint that lists it and
/// the WINDOW audit row of its run, and every way they disagree (<see cref="Mismatches"/>, in plain words).
/// </summary>
public sealed record FileLineageReport
{
    public required string Path { get; init; }

    /// <summary>The footer's lineage; null when the footer carries none.</summary>
    public LakeFileLineage? File { get; init; }

    /// <summary>The checkpoint whose files include this one; null when none does (an orphan).</summary>
    public WindowCheckpoint? Checkpoint { get; init; }

    /// <summary>The WINDOW audit row of the run and window; null when the audit has none (pruned, or never written).</summary>
    public RunEvent? WindowRow { get; init; }

    /// <summary>The run as the run list keeps it; null when pruned or unknown.</summary>
    public RunRecord? Run { get; init; }

    public IReadOnlyList<string> Mismatches { get; init; } = [];

    /// <summary>The footer, the checkpoint and the audit row all tell the same story.</summary>
    public bool Agrees => Mismatches.Count == 0;

    /// <summary>When the window's files were written: the audit row's time, else the checkpoint's.</summary>
    public DateTimeOffset? WrittenAt => WindowRow?.Timestamp ?? Checkpoint?.CompletedAt;
}

/// <summary>
/// Traces a lake file to the run, window and query that wrote it, reading its footer and
/// cross-checking the checkpoints and the audit (the application service behind <c>status --file</c>).
/// </summary>
public sealed class FileLineage(ILakeStore lake, ILakeFileReader reader, IStateStore state)
{
    public async Task<FileLineageReport> TraceAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = LakeFileLineage.ReadFrom(await reader.ReadMetadataAsync(lake, path, cancellationToken).ConfigureAwait(false));
        var mismatches = new List<string>();
        if (file is null)
        {
            mismatches.Add($"the footer of {path} carries no LogIngest lineage (written by an earlier version of LogIngest, or not by LogIngest)");
        }
        else if (!string.Equals(file.QueryHash, LakeFileLineage.HashOf(file.Query), StringComparison.Ordinal))
        {
            mismatches.Add($"the footer's query hash does not match its query text: the metadata was altered after LogIngest wrote it");
        }

        var checkpoint = await FindCheckpointAsync(path, file?.ConfigId, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null)
        {
            mismatches.Add(file is null
                ? $"no checkpoint lists {path}: no run of any config recorded it"
                : $"no checkpoint of '{file.ConfigId}' lists {path}: it is an orphan (a window cut short, or reset), and `logingest verify` names it");
        }
        else if (file is not null)
        {
            Compare(mismatches, "config", file.ConfigId, checkpoint.ConfigId);
            Compare(mismatches, "run", file.RunId, checkpoint.RunId);
            Compare(mismatches, "window", file.WindowKey, checkpoint.Key);
        }

        var runId = checkpoint?.RunId ?? file?.RunId;
        RunEvent? row = null;
        RunRecord? run = null;
        if (runId is not null)
        {
            var windowKey = checkpoint?.Key ?? file!.WindowKey;
            var rowId = runId + ":window:" + windowKey;
            row = (await state.ReadRunAsync(runId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.EventId == rowId);
            run = (await state.ListRecentRunsAsync(1000, checkpoint?.ConfigId ?? file?.ConfigId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.RunId == runId);
            if (row is null)
            {
                mismatches.Add($"the audit holds no WINDOW row of run {runId} for window {windowKey} (pruned after its retention, or never written)");
            }
            else if (checkpoint is not null && (row.Rows != checkpoint.Rows || row.Window != checkpoint.Window))
            {
                mismatches.Add($"the audit row of run {runId} says {row.Rows} rows over {row.Window}, the checkpoint {checkpoint.Rows} rows over {checkpoint.Window}");
            }
        }

        return new FileLineageReport { Path = path, File = file, Checkpoint = checkpoint, WindowRow = row, Run = run, Mismatches = mismatches };
    }

    private static void Compare(List<string> mismatches, string what, string inFile, string inState)
    {
        if (!string.Equals(inFile, inState, StringComparison.Ordinal))
        {
            mismatches.Add($"the file says {what} {inFile}, the checkpoint listing it says {what} {inState}");
        }
    }

    // The footer names the config when it has lineage; otherwise every config is searched.
    private async Task<WindowCheckpoint?> FindCheckpointAsync(string path, string? configId, CancellationToken cancellationToken)
    {
        IEnumerable<string> configs = configId is not null
            ? [configId]
            : (await state.ListConfigsAsync(cancellationToken).ConfigureAwait(false)).Select(d => d.Id);
        foreach (var id in configs)
        {
            await foreach (var checkpoint in state.ListWindowsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                if (checkpoint.Files.Contains(path, StringComparer.Ordinal))
                {
                    return checkpoint;
                }
            }
        }

        return null;
    }
}
