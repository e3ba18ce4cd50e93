using System.Globalization;
using System.Net;
using System.Text;
using LogIngest.Core.State;
using Microsoft.Azure.Cosmos;

namespace LogIngest.Azure.Cosmos;

public sealed partial class CosmosStateStore
{
    /// <summary>
    /// Creates the event (a replay meets 409 and changes nothing). RUN_START and RUN_END also keep the
    /// run's header and the per-day run index, so listing recent runs is a handful of point reads.
    /// </summary>
    public async Task AppendEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        ArgumentException.ThrowIfNullOrEmpty(runEvent.EventId);
        ArgumentException.ThrowIfNullOrEmpty(runEvent.RunId);
        await ReadyAsync().ConfigureAwait(false);
        var item = new AuditItem { Id = ItemId(runEvent.EventId), RunId = runEvent.RunId, Event = runEvent };
        try
        {
            await RetryAsync("append event " + runEvent.EventId, ct => _audit.CreateItemAsync(item, new PartitionKey(runEvent.RunId), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Already appended (a replay, or our own earlier try): the run's index was kept then, but
            // keeping it again below is harmless and heals a crash between the two writes.
        }

        if (runEvent.EventType is RunEventTypes.RunStart or RunEventTypes.RunEnd)
        {
            await TrackRunAsync(runEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<RunEvent>> ReadRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        await ReadyAsync().ConfigureAwait(false);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.runId = @runId AND c.kind = @kind")
            .WithParameter("@runId", runId)
            .WithParameter("@kind", AuditItem.EventKind);
        var items = await QueryPartitionAsync<AuditItem>(_audit, query, runId, "read run " + runId, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(i => i.Event).OrderBy(e => e.Timestamp).ThenBy(e => e.EventId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<RunRecord>> ListRecentRunsAsync(int maxCount, string? configId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await ReadyAsync().ConfigureAwait(false);
        var days = await PointReadAsync<RunIndexItem>(_audit, RunIndexItem.DaysId, RunIndexItem.DaysId, "read run days", cancellationToken).ConfigureAwait(false);
        var result = new List<RunRecord>();
        foreach (var day in (days?.Item.Days ?? []).OrderDescending(StringComparer.Ordinal))
        {
            var index = await PointReadAsync<RunIndexItem>(_audit, DayId(day), DayId(day), "read runs of " + day, cancellationToken).ConfigureAwait(false);
            result.AddRange((index?.Item.Runs ?? [])
                .Where(r => configId is null || r.ConfigId == configId)
                .OrderByDescending(r => r.StartedAt)
                .ThenBy(r => r.RunId, StringComparer.Ordinal));
            if (result.Count >= maxCount)
            {
                break;
            }
        }

        return result.Take(maxCount).ToList();
    }

    private async Task TrackRunAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        var isEnd = runEvent.EventType == RunEventTypes.RunEnd;
        var header = await UpdateSharedAsync<RunHeaderItem>(_audit, RunHeaderItem.ItemId, runEvent.RunId, "track run " + runEvent.RunId, current =>
        {
            var run = current?.Run ?? new RunRecord { RunId = runEvent.RunId, ConfigId = runEvent.ConfigId, StartedAt = runEvent.Start ?? runEvent.Timestamp };
            var next = isEnd ? run with { Status = runEvent.Status ?? RunStatus.Succeeded, EndedAt = runEvent.End ?? runEvent.Timestamp } : run;
            return current is not null && current.Run == next ? null : new RunHeaderItem { RunId = runEvent.RunId, Run = next };
        }, cancellationToken).ConfigureAwait(false);

        var run = header.Run;
        var day = run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await UpdateSharedAsync<RunIndexItem>(_audit, RunIndexItem.DaysId, RunIndexItem.DaysId, "index run days", current =>
            current is null ? new RunIndexItem { Id = RunIndexItem.DaysId, RunId = RunIndexItem.DaysId, Days = [day] }
            : current.Days.Contains(day) ? null
            : current with { Days = [.. current.Days, day] }, cancellationToken).ConfigureAwait(false);
        await UpdateSharedAsync<RunIndexItem>(_audit, DayId(day), DayId(day), "index runs of " + day, current =>
        {
            var runs = current?.Runs ?? [];
            var existing = runs.FirstOrDefault(r => r.RunId == run.RunId);
            if (existing == run)
            {
                return null;
            }

            var updated = runs.Where(r => r.RunId != run.RunId).Append(run).ToList();
            return new RunIndexItem { Id = DayId(day), RunId = DayId(day), Runs = updated };
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string DayId(string day) => "runs-" + day;

    // Cosmos ids may not hold '/', '\', '?' or '#'; percent-encode those (and '%') so any event id fits.
    private static string ItemId(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            _ = c is '/' or '\\' or '?' or '#' or '%'
                ? builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture))
                : builder.Append(c);
        }

        return builder.ToString();
    }
}
