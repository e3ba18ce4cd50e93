namespace LogIngest.Local.State;

/// <summary>The tables of the local state database (docs/architecture.md, State). Documents are stored as JSON beside their keys.</summary>
internal static class SqliteSchema
{
    public const string Create = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS control (
            id TEXT PRIMARY KEY,
            enabled INTEGER NOT NULL,
            etag TEXT NOT NULL,
            doc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS checkpoints (
            config_id TEXT NOT NULL,
            window_key TEXT NOT NULL,
            axis INTEGER NOT NULL,
            start_ticks INTEGER NOT NULL,
            split_modulus INTEGER NOT NULL,
            split_remainder INTEGER NOT NULL,
            doc TEXT NOT NULL,
            PRIMARY KEY (config_id, window_key));
        CREATE TABLE IF NOT EXISTS coverage (
            config_id TEXT NOT NULL,
            axis INTEGER NOT NULL,
            doc TEXT NOT NULL,
            PRIMARY KEY (config_id, axis));
        CREATE TABLE IF NOT EXISTS flatten_schemas (
            config_id TEXT PRIMARY KEY,
            doc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS audit (
            event_id TEXT PRIMARY KEY,
            run_id TEXT NOT NULL,
            ts_ticks INTEGER NOT NULL,
            doc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_run ON audit (run_id, ts_ticks, event_id);
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY,
            config_id TEXT NOT NULL,
            started_ticks INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL,
            doc TEXT);
        CREATE INDEX IF NOT EXISTS runs_by_start ON runs (started_ticks DESC);
        CREATE TABLE IF NOT EXISTS streams (
            hub TEXT NOT NULL,
            partition_id TEXT NOT NULL,
            sequence_number INTEGER NOT NULL,
            doc TEXT NOT NULL,
            PRIMARY KEY (hub, partition_id));
        CREATE TABLE IF NOT EXISTS settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS query_slots (
            slot INTEGER PRIMARY KEY,
            holder TEXT,
            owner TEXT,
            expires_ticks INTEGER NOT NULL,
            etag TEXT NOT NULL);
        """;

    /// <summary>Columns added after a table was first shipped: (table, column, its definition), added to older databases on open.</summary>
    public static IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns { get; } =
    [
        ("runs", "doc", "TEXT"), // the whole RunRecord (parent run, rows, bytes, SLA) beside its indexed columns
    ];
}
