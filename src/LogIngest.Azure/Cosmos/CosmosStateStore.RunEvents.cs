using System.Globalization;
using System.Net;
using System.Text;
using LogIngest.Core.Ports;
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

    public Task<IReadOnlyList<RunRecord>> ListRecentRunsAsync(int maxCount, string? configId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ListRunsAsync(null, maxCount, configId, cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsSinceAsync(DateTimeOffset since, string? configId = null, CancellationToken cancellationToken = default) =>
        ListRunsAsync(since, int.MaxValue, configId, cancellationToken);

    /// <summary>
    /// Walks the per-day run index from the oldest day: a run started before <paramref name="eventsBefore"/>
    /// loses its events (one single-partition query of its ids, then point deletes); one started before
    /// <paramref name="summariesBefore"/> loses its header and its place in the day's index, and an empty
    /// day leaves the list of days. A day wholly pruned of events is marked so later prunes skip it.
    /// </summary>
    public async Task<RunHistoryPruned> PruneRunHistoryAsync(DateTimeOffset eventsBefore, DateTimeOffset summariesBefore, CancellationToken cancellationToken = default)
    {
        await ReadyAsync().ConfigureAwait(false);
        var days = await PointReadAsync<RunIndexItem>(_audit, RunIndexItem.DaysId, RunIndexItem.DaysId, "read run days", cancellationToken).ConfigureAwait(false);
        var (events, runs) = (0, 0);
        foreach (var day in (days?.Item.Days ?? []).Order(StringComparer.Ordinal))
        {
            var dayStart = DateTimeOffset.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            if (dayStart >= eventsBefore && dayStart >= summariesBefore)
            {
                break;
            }

            var index = await PointReadAsync<RunIndexItem>(_audit, DayId(day), DayId(day), "read runs of " + day, cancellationToken).ConfigureAwait(false);
            var dayRuns = index?.Item.Runs ?? [];
            if (index is not { Item.EventsPruned: true })
            {
                foreach (var run in dayRuns.Where(r => r.StartedAt < eventsBefore))
                {
                    events += await DeleteEventsAsync(run.RunId, cancellationToken).ConfigureAwait(false);
                }
            }

            var expired = dayRuns.Where(r => r.StartedAt < summariesBefore).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
            foreach (var runId in expired)
            {
                await DeleteAsync(_audit, RunHeaderItem.ItemId, runId, "delete run " + runId, cancellationToken).ConfigureAwait(false);
                runs++;
            }

            var wholeDayPruned = dayStart.AddDays(1) <= eventsBefore;
            if (dayRuns.Count == expired.Count)
            {
                await DeleteAsync(_audit, DayId(day), DayId(day), "delete runs of " + day, cancellationToken).ConfigureAwait(false);
                await UpdateSharedAsync<RunIndexItem>(_audit, RunIndexItem.DaysId, RunIndexItem.DaysId, "unindex run day " + day, current =>
                    current is null || !current.Days.Contains(day) ? null : current with { Days = [.. current.Days.Where(d => d != day)] }, cancellationToken).ConfigureAwait(false);
            }
            else if (expired.Count > 0 || (wholeDayPruned && index is not { Item.EventsPruned: true }))
            {
                await UpdateSharedAsync<RunIndexItem>(_audit, DayId(day), DayId(day), "prune runs of " + day, current =>
                    current is null ? null : current with { Runs = [.. current.Runs.Where(r => !expired.Contains(r.RunId))], EventsPruned = current.EventsPruned || wholeDayPruned }, cancellationToken).ConfigureAwait(false);
            }
        }

        return new RunHistoryPruned(events, runs);
    }

    private async Task<int> DeleteEventsAsync(string runId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.runId = @runId AND c.kind = @kind")
            .WithParameter("@runId", runId)
            .WithParameter("@kind", AuditItem.EventKind);
        var deleted = 0;
        foreach (var item in await QueryPartitionAsync<EventItemId>(_audit, query, runId, "list events of " + runId, cancellationToken).ConfigureAwait(false))
        {
            deleted += await DeleteAsync(_audit, item.Id, runId, "delete event " + item.Id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    private async Task<IReadOnlyList<RunRecord>> ListRunsAsync(DateTimeOffset? since, int maxCount, string? configId, CancellationToken cancellationToken)
    {
        await ReadyAsync().ConfigureAwait(false);
        var days = await PointReadAsync<RunIndexItem>(_audit, RunIndexItem.DaysId, RunIndexItem.DaysId, "read run days", cancellationToken).ConfigureAwait(false);
        var firstDay = since?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var result = new List<RunRecord>();
        foreach (var day in (days?.Item.Days ?? []).OrderDescending(StringComparer.Ordinal))
        {
            if (firstDay is not null && string.CompareOrdinal(day, firstDay) < 0)
            {
                break;
            }

            var index = await PointReadAsync<RunIndexItem>(_audit, DayId(day), DayId(day), "read runs of " + day, cancellationToken).ConfigureAwait(false);
            result.AddRange((index?.Item.Runs ?? [])
                .Where(r => (configId is null || r.ConfigId == configId) && (since is null || r.StartedAt >= since))
                .OrderByDescending(r => r.StartedAt)
                .ThenBy(r => r.RunId, StringComparer.Ordinal));
            if (result.Count >= maxCount)
            {
                break;
            }
        }

        return result.Take(maxCount).ToList();
    }

    private sealed record EventItemId([property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id);

    private async Task TrackRunAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        var header = await UpdateSharedAsync<RunHeaderItem>(_audit, RunHeaderItem.ItemId, runEvent.RunId, "track run " + runEvent.RunId, current =>
        {
            var next = RunRecord.Apply(current?.Run, runEvent);
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
