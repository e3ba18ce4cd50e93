using System.Net;
using LogIngest.Core.Observability;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

public sealed partial class CosmosStateStore
{
    /// <summary>Runs one request, retrying transient failures; other Cosmos errors pass through for the caller to map.</summary>
    private async Task<T> RetryAsync<T>(string what, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        var delay = _options.TransientRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            // Our own deadline per try: the SDK's gateway timeouts for writes run to a minute or more.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.RequestTimeout);
            try
            {
                return await request(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                if (attempt >= _options.MaxTransientRetries)
                {
                    throw new LogIngestException(ErrorCodes.StateIo, $"Cosmos: {what} failed after {attempt + 1} tries: {Describe(ex)}", ex);
                }
            }
            catch (CosmosException ex) when (ex.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed))
            {
                throw new LogIngestException(ErrorCodes.StateIo, $"Cosmos: {what} failed: {Describe(ex)}", ex);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>A point read; null when the item does not exist.</summary>
    private async Task<(T Item, string ETag)?> PointReadAsync<T>(Container container, string id, string partitionKey, string what, CancellationToken cancellationToken)
    {
        try
        {
            var response = await RetryAsync(what, ct => container.ReadItemAsync<T>(id, new PartitionKey(partitionKey), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every item a single-partition parameterised query returns.</summary>
    private async Task<List<T>> QueryPartitionAsync<T>(Container container, QueryDefinition query, string partitionKey, string what, CancellationToken cancellationToken)
    {
        return await RetryAsync(what, async ct =>
        {
            var items = new List<T>();
            using var feed = container.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) });
            while (feed.HasMoreResults)
            {
                items.AddRange(await feed.ReadNextAsync(ct).ConfigureAwait(false));
            }

            return items;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Read-modify-write of a document many writers share, under its ETag: <paramref name="change"/>
    /// gets the current item (null when missing) and returns the new one, or null for "no change".
    /// A lost race reads again and re-applies, up to <see cref="CosmosStateOptions.MaxConcurrencyRetries"/> times.
    /// </summary>
    private async Task<T> UpdateSharedAsync<T>(Container container, string id, string partitionKey, string what, Func<T?, T?> change, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await PointReadAsync<T>(container, id, partitionKey, what, cancellationToken).ConfigureAwait(false);
            var next = change(current?.Item);
            if (next is null)
            {
                return current!.Value.Item;
            }

            try
            {
                var response = current is null
                    ? await RetryAsync(what, ct => container.CreateItemAsync(next, new PartitionKey(partitionKey), cancellationToken: ct), cancellationToken).ConfigureAwait(false)
                    : await RetryAsync(what, ct => container.ReplaceItemAsync(next, id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = current.Value.ETag }, ct), cancellationToken).ConfigureAwait(false);
                return response.Resource;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                if (attempt >= _options.MaxConcurrencyRetries)
                {
                    throw new LogIngestException(ErrorCodes.StateIo, $"Cosmos: {what} lost the ETag race {attempt} times; try again later.", ex);
                }

                // Spread the retries of writers that lost together.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        CosmosException c => c.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout
            or HttpStatusCode.TooManyRequests or HttpStatusCode.Gone or (HttpStatusCode)449,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    private static string Describe(Exception ex) => ex is CosmosException c
        ? $"HTTP {(int)c.StatusCode}/{c.SubStatusCode} {c.Message.Split('\n')[0]}"
        : ex.GetType().Name + ": " + ex.Message;
}
