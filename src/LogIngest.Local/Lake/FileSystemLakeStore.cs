using System.Globalization;
using System.Runtime.CompilerServices;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;

namespace LogIngest.Local.Lake;

/// <summary>
/// The lake as a local folder. A put writes a temporary file beside the target and renames it over
/// the target, so readers see the old file or the whole new one, never a partial one.
/// </summary>
public sealed class FileSystemLakeStore : ILakeStore
{
    // Temporary files carry this suffix; listings skip them (a killed writer may leave one behind).
    internal const string TempSuffix = ".logingest-tmp";

    private readonly string _root;

    public FileSystemLakeStore(FileSystemLakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            throw new ArgumentException("FileSystemLakeOptions.RootPath is empty: give the lake folder.", nameof(options));
        }

        _root = Path.GetFullPath(options.RootPath);
        Directory.CreateDirectory(_root);
    }

    public string RootPath => _root;

    public async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        var target = ToFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + TempSuffix);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await writeContent(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
            var info = new FileInfo(target);
            return new LakeItem(path, info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new LogIngestException(ErrorCodes.LakeIo, $"Writing lake file '{path}' failed: {ex.Message}", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        try
        {
            // Delete sharing lets a put rename over (or a delete remove) a file being read; the reader keeps the old content.
            Stream stream = new FileStream(ToFullPath(path), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LogIngestException(ErrorCodes.NotFound, $"Lake file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogIngestException(ErrorCodes.LakeIo, $"Opening lake file '{path}' failed: {ex.Message}", ex);
        }
    }

    public async IAsyncEnumerable<LakeItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LakePath.ValidatePrefix(prefix);
        await Task.Yield();

        // Walk only the deepest folder the prefix names in full.
        var folderKey = prefix.Contains('/', StringComparison.Ordinal) ? prefix[..prefix.LastIndexOf('/')] : string.Empty;
        var folder = folderKey.Length == 0 ? _root : ToFullPath(folderKey);
        var items = new List<LakeItem>();
        try
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (file.Name.EndsWith(TempSuffix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var key = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
                    if (key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        items.Add(new LakeItem(key, file.Length, file.LastWriteTimeUtc));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogIngestException(ErrorCodes.LakeIo, $"Listing lake prefix '{prefix}' failed: {ex.Message}", ex);
        }

        items.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var item in items)
        {
            yield return item;
        }
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        var full = ToFullPath(path);
        try
        {
            if (!File.Exists(full))
            {
                return Task.FromResult(false);
            }

            File.Delete(full);
            return Task.FromResult(true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogIngestException(ErrorCodes.LakeIo, $"Deleting lake file '{path}' failed: {ex.Message}", ex);
        }
    }

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        LakePath.Validate(path);
        return Task.FromResult(File.Exists(ToFullPath(path)));
    }

    private string ToFullPath(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is invisible to listings and reads.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
