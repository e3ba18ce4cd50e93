using System.Runtime.CompilerServices;
using LogIngest.Core.Ports;

namespace LogIngest.Cli;

/// <summary>A lake kept under a folder of a container (<c>--lake https://.../container/some/prefix</c>): every path is the prefix plus the lake's own.</summary>
internal sealed class PrefixedLakeStore(ILakeStore inner, string prefix) : ILakeStore
{
    private readonly string _prefix = prefix.Trim('/') + "/";

    public async Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default) =>
        Strip(await inner.PutAsync(_prefix + path, writeContent, cancellationToken).ConfigureAwait(false));

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default) => inner.OpenReadAsync(_prefix + path, cancellationToken);

    public async IAsyncEnumerable<LakeItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in inner.ListAsync(_prefix + prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return Strip(item);
        }
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(_prefix + path, cancellationToken);

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => inner.ExistsAsync(_prefix + path, cancellationToken);

    private LakeItem Strip(LakeItem item) => item with { Path = item.Path[_prefix.Length..] };
}
