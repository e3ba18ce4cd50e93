using System.Text.Json;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Streaming;

/// <summary>
/// The checkpoints of files taken into a hub, one small JSON document per file at
/// <c>stream/{hub}/_arrivals/{escaped name}.json</c>, beside the data they produced (a lake write is whole or
/// absent, so a checkpoint is too).
/// </summary>
public sealed class FileArrivalLedger(ILakeStore lake, string hub)
{
    public async Task<FileArrival?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (!await lake.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var stream = await lake.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<FileArrival>(stream, StateJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new LogIngestException(ErrorCodes.LakeIo, $"The checkpoint {path} is empty.");
        }
    }

    /// <summary>Every checkpoint of the hub.</summary>
    public async Task<IReadOnlyList<FileArrival>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<FileArrival>();
        await foreach (var item in lake.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = Uri.UnescapeDataString(item.Path[Prefix.Length..^".json".Length]);
            if (await GetAsync(name, cancellationToken).ConfigureAwait(false) is { } arrival)
            {
                list.Add(arrival);
            }
        }

        return list;
    }

    public Task SaveAsync(FileArrival arrival, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arrival);
        var json = JsonSerializer.SerializeToUtf8Bytes(arrival, StateJson.Options);
        return lake.PutAsync(PathOf(arrival.Name), (stream, token) => stream.WriteAsync(json, token).AsTask(), cancellationToken);
    }

    private string Prefix => $"{StreamFileName.BronzeRoot}/{hub}/_arrivals/";

    private string PathOf(string name) => Prefix + Uri.EscapeDataString(name) + ".json";
}
