using Azure.Storage.Blobs;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>A lake container copied blob by blob from Azurite with the Blob SDK (not the lake adapter) into a folder.</summary>
public static class ChaosLake
{
    /// <summary>Downloads every blob of <paramref name="container"/> under <paramref name="folder"/>; returns their names.</summary>
    public static async Task<List<string>> DownloadAsync(BlobContainerClient container, string folder)
    {
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync())
        {
            var path = Path.Combine(folder, blob.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await container.GetBlobClient(blob.Name).DownloadToAsync(path);
            names.Add(blob.Name);
        }

        return names;
    }
}
