using LogIngest.Local.Lake;

namespace LogIngest.Core.Tests.Activities;

/// <summary>A local-folder lake in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempLake : IDisposable
{
    public TempLake()
    {
        Root = Path.Combine(Path.GetTempPath(), "logingest-ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Store = new FileSystemLakeStore(new FileSystemLakeOptions { RootPath = Root });
    }

    public string Root { get; }

    public FileSystemLakeStore Store { get; }

    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
