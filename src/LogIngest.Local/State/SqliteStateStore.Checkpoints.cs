using System.Runtime.CompilerServices;
using LogIngest.Core.Model;
using LogIngest.Core.State;

namespace LogIngest.Local.State;

public sealed partial class SqliteStateStore
{
    public async Task RecordWindowAsync(WindowCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(checkpoint.ConfigId);
        await WriteAsync("record window " + checkpoint.Key, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO checkpoints (config_id, window_key, axis, start_ticks, split_modulus, split_remainder, doc) VALUES ($c, $k, $a, $s, $m, $r, $doc) "
                + "ON CONFLICT (config_id, window_key) DO UPDATE SET doc = excluded.doc", cancellationToken,
                ("$c", checkpoint.ConfigId), ("$k", checkpoint.Key), ("$a", (int)checkpoint.Axis), ("$s", checkpoint.Window.Start),
                ("$m", checkpoint.Split?.Modulus ?? 0), ("$r", checkpoint.Split?.Remainder ?? 0), ("$doc", Json(checkpoint))).ConfigureAwait(false);

            // Same transaction: the record and the coverage it adds commit together.
            var coverage = await ReadCoverageAsync(connection, transaction, checkpoint.ConfigId, checkpoint.Axis, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO coverage (config_id, axis, doc) VALUES ($c, $a, $doc) ON CONFLICT (config_id, axis) DO UPDATE SET doc = excluded.doc", cancellationToken,
                ("$c", checkpoint.ConfigId), ("$a", (int)checkpoint.Axis), ("$doc", Json(coverage.Apply(checkpoint)))).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IntervalSet> GetCoverageAsync(string configId, TimeAxis axis, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        var coverage = await ReadAsync("read coverage of " + configId, connection => ReadCoverageAsync(connection, null, configId, axis, cancellationToken), cancellationToken).ConfigureAwait(false);
        return coverage.ToIntervalSet();
    }

    public async IAsyncEnumerable<WindowCheckpoint> ListWindowsAsync(string configId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        var windows = await ReadAsync<List<WindowCheckpoint>>("list windows of " + configId, async connection =>
        {
            using var command = Command(connection, null,
                "SELECT doc FROM checkpoints WHERE config_id = $c ORDER BY axis, start_ticks, window_key", ("$c", configId));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<WindowCheckpoint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(FromJson<WindowCheckpoint>(reader.GetString(0)));
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var window in windows)
        {
            yield return window;
        }
    }

    public Task<IReadOnlyList<WindowCheckpoint>> ForgetWindowsAsync(string configId, TimeAxis axis, Interval span, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(configId);
        return WriteAsync<IReadOnlyList<WindowCheckpoint>>("forget windows of " + configId, async (connection, transaction) =>
        {
            var forgotten = new List<WindowCheckpoint>();
            using (var select = Command(connection, transaction, "SELECT doc FROM checkpoints WHERE config_id = $c AND axis = $a ORDER BY start_ticks, window_key", ("$c", configId), ("$a", (int)axis)))
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var window = FromJson<WindowCheckpoint>(reader.GetString(0));
                    if (window.Window.Overlaps(span))
                    {
                        forgotten.Add(window);
                    }
                }
            }

            // One transaction: the records and the coverage they made leave together.
            var coverage = await ReadCoverageAsync(connection, transaction, configId, axis, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO coverage (config_id, axis, doc) VALUES ($c, $a, $doc) ON CONFLICT (config_id, axis) DO UPDATE SET doc = excluded.doc", cancellationToken,
                ("$c", configId), ("$a", (int)axis), ("$doc", Json(coverage.Without(forgotten)))).ConfigureAwait(false);
            foreach (var window in forgotten)
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM checkpoints WHERE config_id = $c AND window_key = $k", cancellationToken,
                    ("$c", configId), ("$k", window.Key)).ConfigureAwait(false);
            }

            return forgotten;
        }, cancellationToken);
    }

    private static async Task<CheckpointCoverage> ReadCoverageAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string configId, TimeAxis axis, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT doc FROM coverage WHERE config_id = $c AND axis = $a", ("$c", configId), ("$a", (int)axis));
        var json = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return json is null ? CheckpointCoverage.Empty(configId, axis) : FromJson<CheckpointCoverage>(json);
    }
}
