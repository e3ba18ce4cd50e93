using System.Globalization;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using Microsoft.Data.Sqlite;

namespace LogIngest.Local.State;

public sealed partial class SqliteStateStore
{
    private const string RunColumns = "run_id, config_id, started_at, ended_at, status, doc";

    public async Task AppendEventAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        ArgumentException.ThrowIfNullOrEmpty(runEvent.EventId);
        ArgumentException.ThrowIfNullOrEmpty(runEvent.RunId);
        await WriteAsync("append event " + runEvent.EventId, async (connection, transaction) =>
        {
            var inserted = await ExecuteAsync(connection, transaction,
                "INSERT INTO audit (event_id, run_id, ts_ticks, doc) VALUES ($e, $r, $t, $doc) ON CONFLICT (event_id) DO NOTHING", cancellationToken,
                ("$e", runEvent.EventId), ("$r", runEvent.RunId), ("$t", runEvent.Timestamp.UtcTicks), ("$doc", Json(runEvent))).ConfigureAwait(false);
            if (inserted == 0 || runEvent.EventType is not (RunEventTypes.RunStart or RunEventTypes.RunEnd))
            {
                return false;
            }

            RunRecord? current = null;
            using (var read = Command(connection, transaction, $"SELECT {RunColumns} FROM runs WHERE run_id = $r", ("$r", runEvent.RunId)))
            using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    current = ReadRun(reader);
                }
            }

            var run = RunRecord.Apply(current, runEvent);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO runs (run_id, config_id, started_ticks, started_at, ended_at, status, doc) VALUES ($r, $c, $t, $s, $e, $st, $doc) "
                + "ON CONFLICT (run_id) DO UPDATE SET ended_at = excluded.ended_at, status = excluded.status, doc = excluded.doc", cancellationToken,
                ("$r", run.RunId), ("$c", run.ConfigId), ("$t", run.StartedAt.UtcTicks), ("$s", run.StartedAt.ToString("O", CultureInfo.InvariantCulture)),
                ("$e", run.EndedAt?.ToString("O", CultureInfo.InvariantCulture)), ("$st", run.Status.ToString()), ("$doc", Json(run))).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunEvent>> ReadRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return await ReadAsync<IReadOnlyList<RunEvent>>("read run " + runId, async connection =>
        {
            using var command = Command(connection, null, "SELECT doc FROM audit WHERE run_id = $r ORDER BY ts_ticks, event_id", ("$r", runId));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<RunEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(FromJson<RunEvent>(reader.GetString(0)));
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<RunRecord>> ListRecentRunsAsync(int maxCount, string? configId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ListRunsAsync(long.MinValue, maxCount, configId, cancellationToken);
    }

    public Task<IReadOnlyList<RunRecord>> ListRunsSinceAsync(DateTimeOffset since, string? configId = null, CancellationToken cancellationToken = default) =>
        ListRunsAsync(since.UtcTicks, int.MaxValue, configId, cancellationToken);

    public async Task<RunHistoryPruned> PruneRunHistoryAsync(DateTimeOffset eventsBefore, DateTimeOffset summariesBefore, CancellationToken cancellationToken = default) =>
        await WriteAsync("prune run history", async (connection, transaction) =>
        {
            // Only the audit and runs tables: checkpoints, configs and stream watermarks live elsewhere and stay.
            var events = await ExecuteAsync(connection, transaction,
                "DELETE FROM audit WHERE run_id IN (SELECT run_id FROM runs WHERE started_ticks < $t)", cancellationToken,
                ("$t", eventsBefore.UtcTicks)).ConfigureAwait(false);
            var runs = await ExecuteAsync(connection, transaction,
                "DELETE FROM runs WHERE started_ticks < $t", cancellationToken,
                ("$t", summariesBefore.UtcTicks)).ConfigureAwait(false);
            return new RunHistoryPruned(events, runs);
        }, cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<RunRecord>> ListRunsAsync(long sinceTicks, int maxCount, string? configId, CancellationToken cancellationToken) =>
        await ReadAsync<IReadOnlyList<RunRecord>>("list runs", async connection =>
        {
            using var command = Command(connection, null,
                $"SELECT {RunColumns} FROM runs WHERE ($c IS NULL OR config_id = $c) AND started_ticks >= $since ORDER BY started_ticks DESC, run_id LIMIT $n",
                ("$c", configId), ("$since", sinceTicks), ("$n", maxCount));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<RunRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(ReadRun(reader));
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);

    // A row written before the doc column existed has only its columns: the record is rebuilt from them.
    private static RunRecord ReadRun(SqliteDataReader reader) =>
        !reader.IsDBNull(5)
            ? FromJson<RunRecord>(reader.GetString(5))
            : new RunRecord
            {
                RunId = reader.GetString(0),
                ConfigId = reader.GetString(1),
                StartedAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                EndedAt = reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                Status = Enum.Parse<RunStatus>(reader.GetString(4)),
            };
}
