using LogIngest.Core.Streaming;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace LogIngest.Functions;

/// <summary>
/// The Event Hub trigger: each batch of one partition goes to <see cref="StreamBatchProcessor"/>. Built
/// only when <c>EventHubsTrigger</c> is true (the default; the test build turns it off, since its
/// extension package is not served by every registry). Event Hubs checkpoints a batch even when its
/// function fails, so a failure (lake or state unreachable) is retried without end, with backoff,
/// holding the partition rather than skipping it; events that cannot be parsed never fail (quarantine).
/// The processor lands each event once however a redelivery regroups it.
/// </summary>
public sealed class StreamTrigger(StreamBatchProcessor processor, IConfiguration configuration)
{
    [Function("Stream")]
    [ExponentialBackoffRetry(-1, "00:00:02", "00:05:00")]
    public async Task Run(
        [EventHubTrigger("%Stream:HubName%", Connection = "EventHubConnection", ConsumerGroup = "%Stream:ConsumerGroup%", IsBatched = true)] string[] bodies,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var batch = EventHubBatch.Read(bodies, context.BindingContext.BindingData, configuration["Stream:HubName"] ?? string.Empty);
        await processor.ProcessAsync(batch.Hub, batch.PartitionId, batch.Events, cancellationToken);
    }
}
