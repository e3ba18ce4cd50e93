using System.Globalization;
using LogIngest.Core.State;

namespace LogIngest.Local.State;

public sealed partial class SqliteStateStore
{
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
            if (inserted == 0)
            {
                return false;
            }

            var startedAt = runEvent.Start ?? runEvent.Timestamp;
            if (runEvent.EventType == RunEventTypes.RunStart)
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO runs (run_id, config_id, started_ticks, started_at, status) VALUES ($r, $c, $t, $s, $st) ON CONFLICT (run_id) DO NOTHING", cancellationToken,
                    ("$r", runEvent.RunId), ("$c", runEvent.ConfigId), ("$t", startedAt.UtcTicks), ("$s", startedAt.ToString("O", CultureInfo.InvariantCulture)),
                    ("$st", nameof(RunStatus.Running))).ConfigureAwait(false);
            }
            else if (runEvent.EventType == RunEventTypes.RunEnd)
            {
                var endedAt = (runEvent.End ?? runEvent.Timestamp).ToString("O", CultureInfo.InvariantCulture);
                var status = (runEvent.Status ?? RunStatus.Succeeded).ToString();
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO runs (run_id, config_id, started_ticks, started_at, ended_at, status) VALUES ($r, $c, $t, $s, $e, $st) "
                    + "ON CONFLICT (run_id) DO UPDATE SET ended_at = excluded.ended_at, status = excluded.status", cancellationToken,
                    ("$r", runEvent.RunId), ("$c", runEvent.ConfigId), ("$t", startedAt.UtcTicks), ("$s", startedAt.ToString("O", CultureInfo.InvariantCulture)),
                    ("$e", endedAt), ("$st", status)).ConfigureAwait(false);
            }

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

    public async Task<IReadOnlyList<RunRecord>> ListRecentRunsAsync(int maxCount, string? configId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return await ReadAsync<IReadOnlyList<RunRecord>>("list recent runs", async connection =>
        {
            using var command = Command(connection, null,
                "SELECT run_id, config_id, started_at, ended_at, status FROM runs WHERE ($c IS NULL OR config_id = $c) ORDER BY started_ticks DESC, run_id LIMIT $n",
                ("$c", configId), ("$n", maxCount));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<RunRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(new RunRecord
                {
                    RunId = reader.GetString(0),
                    ConfigId = reader.GetString(1),
                    StartedAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    EndedAt = reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                    Status = Enum.Parse<RunStatus>(reader.GetString(4)),
                });
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
    }
}
