namespace LogIngest.Local.State;

/// <summary>Settings of <see cref="SqliteStateStore"/>.</summary>
public sealed class SqliteStateOptions
{
    /// <summary>The database file; created with its schema when missing. Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a write waits for another process's write lock before failing with S502. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
