using LogIngest.Core.Model;

namespace LogIngest.Core.Activities;

/// <summary>
/// What <c>IngestWindowActivity</c> ingests: one planned window (or one key-split slice of it)
/// of one config, on the config's time axis. Small and JSON-serializable, as every activity input.
/// </summary>
/// <param name="Config">The config being loaded (table, filter, flatten, lake prefix, source).</param>
/// <param name="RunId">The run this window belongs to (for logs; files and keys do not depend on it).</param>
/// <param name="Axis">The clock the window is on; the file names mark ingestion-time windows with <c>i</c>.</param>
/// <param name="Window">The half-open span to ingest.</param>
/// <param name="Split">Set when the plan split an irreducible instant by key.</param>
public sealed record IngestWindowInput(LoadConfig Config, string RunId, TimeAxis Axis, Interval Window, KeySplit? Split);
