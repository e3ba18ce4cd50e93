using LogIngest.Core.State;

namespace LogIngest.Core.Streaming;

/// <summary>What one batch did: events landed in bronze, quarantined, or skipped as already landed.</summary>
/// <param name="Events">Events handed over (a duplicate sequence number within the batch counts once in <paramref name="Skipped"/>).</param>
/// <param name="Landed">Rows written to bronze files.</param>
/// <param name="Quarantined">Rows written to quarantine files.</param>
/// <param name="Skipped">Events already in the lake (at or below the watermark, or inside a written range) or repeated within the batch.</param>
/// <param name="Files">The lake keys written, quarantine before bronze, in sequence order.</param>
/// <param name="Bytes">Body bytes of the events landed or quarantined.</param>
/// <param name="Watermark">The partition's watermark after the batch; null when the batch was empty.</param>
public sealed record StreamBatchResult(int Events, int Landed, int Quarantined, int Skipped, IReadOnlyList<string> Files, long Bytes, StreamWatermark? Watermark);
