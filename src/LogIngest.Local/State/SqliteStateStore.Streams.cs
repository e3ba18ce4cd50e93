using LogIngest.Core.State;

namespace LogIngest.Local.State;

public sealed partial class SqliteStateStore
{
    public async Task SetStreamWatermarkAsync(StreamWatermark watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        ArgumentException.ThrowIfNullOrEmpty(watermark.Hub);
        ArgumentException.ThrowIfNullOrEmpty(watermark.PartitionId);
        var stored = watermark with { UpdatedAt = _time.GetUtcNow() };
        await WriteAsync($"set stream watermark {watermark.Hub}/{watermark.PartitionId}", (connection, transaction) =>
            ExecuteAsync(connection, transaction,
                "INSERT INTO streams (hub, partition_id, sequence_number, doc) VALUES ($h, $p, $s, $doc) "
                + "ON CONFLICT (hub, partition_id) DO UPDATE SET sequence_number = excluded.sequence_number, doc = excluded.doc WHERE excluded.sequence_number >= streams.sequence_number",
                cancellationToken, ("$h", stored.Hub), ("$p", stored.PartitionId), ("$s", stored.SequenceNumber), ("$doc", Json(stored))), cancellationToken).ConfigureAwait(false);
    }

    public async Task<StreamWatermark?> GetStreamWatermarkAsync(string hub, string partitionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        ArgumentException.ThrowIfNullOrEmpty(partitionId);
        var list = await ListStreamsAsync("SELECT doc FROM streams WHERE hub = $h AND partition_id = $p", hub, partitionId, cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<StreamWatermark>> ListStreamWatermarksAsync(string hub, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        return ListStreamsAsync("SELECT doc FROM streams WHERE hub = $h ORDER BY partition_id", hub, null, cancellationToken);
    }

    private Task<IReadOnlyList<StreamWatermark>> ListStreamsAsync(string sql, string hub, string? partitionId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StreamWatermark>>("read stream watermarks of " + hub, async connection =>
        {
            using var command = Command(connection, null, sql, ("$h", hub), ("$p", partitionId));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<StreamWatermark>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(FromJson<StreamWatermark>(reader.GetString(0)));
            }

            return result;
        }, cancellationToken);
}
