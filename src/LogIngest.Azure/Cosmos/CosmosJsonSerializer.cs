using System.Text.Json;
using LogIngest.Core.State;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

/// <summary>Lets the Cosmos SDK read and write our documents with System.Text.Json in the shared state shape.</summary>
internal sealed class CosmosJsonSerializer : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (stream)
        {
            if (typeof(Stream).IsAssignableFrom(typeof(T)))
            {
                return (T)(object)stream;
            }

            return JsonSerializer.Deserialize<T>(stream, StateJson.Options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, StateJson.Options);
        stream.Position = 0;
        return stream;
    }
}
