using LogIngest.Core.Ports;

namespace LogIngest.Core.Tests;

/// <summary>A lake that hands every call to another; test lakes override only the calls they change.</summary>
internal abstract class DelegatingLake(ILakeStore inner) : ILakeStore
{
    protected ILakeStore Inner { get; } = inner;

    public virtual Task<LakeItem> PutAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default) => Inner.PutAsync(path, writeContent, cancellationToken);

    public virtual Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default) => Inner.OpenReadAsync(path, cancellationToken);

    public IAsyncEnumerable<LakeItem> ListAsync(string prefix, CancellationToken cancellationToken = default) => Inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default) => Inner.DeleteAsync(path, cancellationToken);

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Inner.ExistsAsync(path, cancellationToken);
}
