using LogIngest.Local.Simulation;

namespace LogIngest.Local.Hosting;

/// <summary>Settings of the one-machine adapters (<see cref="LocalServiceCollectionExtensions.AddLogIngestLocal"/>).</summary>
public sealed class LocalHostOptions
{
    /// <summary>The SQLite state database file. Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>The folder that holds the lake. Required.</summary>
    public string LakeRoot { get; set; } = string.Empty;

    /// <summary>The simulated workspace that configs with <c>source.kind = simulated</c> read. Default: its own defaults.</summary>
    public SimulatedWorkspaceOptions Simulation { get; set; } = new();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("LocalHostOptions.DatabasePath is empty: give the SQLite state file.", nameof(DatabasePath));
        }

        if (string.IsNullOrWhiteSpace(LakeRoot))
        {
            throw new ArgumentException("LocalHostOptions.LakeRoot is empty: give the lake folder.", nameof(LakeRoot));
        }
    }
}
