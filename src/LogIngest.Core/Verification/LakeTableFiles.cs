using LogIngest.Core.Ports;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Verification;

/// <summary>One window file of a table in the lake: its key, size and the window its name encodes.</summary>
public sealed record LakeWindowFile(string Path, long Size, WindowFileName Name)
{
    /// <summary>The <c>year=/month=/day=</c> folder the file lies in (its table/day).</summary>
    public string Folder => Path[..Path.LastIndexOf('/')];
}

/// <summary>Lists a table's window files under a lake prefix (<c>{prefix}/{table}/year=.../...parquet</c>).</summary>
public static class LakeTableFiles
{
    public static string TableFolder(string prefix, string table) =>
        string.IsNullOrEmpty(prefix) ? table + "/" : prefix.TrimEnd('/') + "/" + table + "/";

    /// <summary>The table's files whose names parse as window files, in key order; anything else is ignored.</summary>
    public static async Task<IReadOnlyList<LakeWindowFile>> ListAsync(ILakeStore lake, string prefix, string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var files = new List<LakeWindowFile>();
        await foreach (var item in lake.ListAsync(TableFolder(prefix, table), cancellationToken).ConfigureAwait(false))
        {
            if (WindowFileName.TryParse(item.Path, table, out var name))
            {
                files.Add(new LakeWindowFile(item.Path, item.Size, name));
            }
        }

        return files;
    }

    /// <summary>Pairs of files of one table/day that may hold rows of the same instant.</summary>
    public static IEnumerable<(LakeWindowFile First, LakeWindowFile Second)> Overlaps(IEnumerable<LakeWindowFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var day in files.GroupBy(f => f.Folder, StringComparer.Ordinal))
        {
            // Sweep by start: only files that start before the current one ends can overlap it.
            var sorted = day.OrderBy(f => f.Name.Window.Start).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                for (var j = i + 1; j < sorted.Count && sorted[j].Name.Window.Start < sorted[i].Name.Window.End; j++)
                {
                    if (sorted[i].Name.Overlaps(sorted[j].Name))
                    {
                        yield return (sorted[i], sorted[j]);
                    }
                }
            }
        }
    }
}
