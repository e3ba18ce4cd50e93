using LogIngest.Core.Ports;
using LogIngest.Core.Verification;

namespace LogIngest.Core.Streaming;

/// <summary>The stream's bronze files as the lake lists them, by hub and partition, for status and verification.</summary>
public sealed class StreamInventory
{
    private StreamInventory(IReadOnlyList<StreamFile> files) => Files = files;

    /// <summary>Every bronze file, ordered by hub, partition and first sequence.</summary>
    public IReadOnlyList<StreamFile> Files { get; }

    public IReadOnlyList<string> Hubs => [.. Files.Select(f => f.Hub).Distinct(StringComparer.Ordinal)];

    public static async Task<StreamInventory> ReadAsync(ILakeStore lake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var files = new List<StreamFile>();
        await foreach (var item in lake.ListAsync(StreamFileName.BronzeRoot + "/", cancellationToken).ConfigureAwait(false))
        {
            if (StreamFileName.TryParse(item.Path, out var file))
            {
                files.Add(file);
            }
        }

        return new StreamInventory([.. files
            .OrderBy(f => f.Hub, StringComparer.Ordinal)
            .ThenBy(f => f.Partition, StringComparer.Ordinal)
            .ThenBy(f => f.FirstSequence)
            .ThenBy(f => f.LastSequence)]);
    }

    /// <summary>
    /// Bronze files of one partition whose sequence ranges overlap: the same event could be in both
    /// (the processor never writes such a pair; a copied or hand-made file would).
    /// </summary>
    public IReadOnlyList<VerificationFinding> Overlaps()
    {
        var findings = new List<VerificationFinding>();
        foreach (var partition in Files.GroupBy(f => (f.Hub, f.Partition)))
        {
            StreamFile? reach = null;
            foreach (var file in partition)
            {
                if (reach is { } before && file.FirstSequence <= before.LastSequence)
                {
                    findings.Add(new VerificationFinding(FindingKinds.Overlap,
                        $"stream {file.Hub} partition {file.Partition}: {file.Path} (sequences {file.FirstSequence}-{file.LastSequence}) overlaps {before.Path} ({before.FirstSequence}-{before.LastSequence}); the same events may be landed twice")
                    {
                        Path = file.Path,
                    });
                }

                if (reach is null || file.LastSequence > reach.Value.LastSequence)
                {
                    reach = file;
                }
            }
        }

        return findings;
    }
}
