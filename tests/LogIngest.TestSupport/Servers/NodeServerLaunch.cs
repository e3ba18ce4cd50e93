namespace LogIngest.TestSupport.Servers;

/// <summary>How to start one Node server: its script, arguments and the address that answers once it is up.</summary>
/// <param name="Name">Short name for messages ("azurite-blob").</param>
/// <param name="ScriptPath">Full path of the script, under tests/node_modules or tests/LogIngest.TestSupport/node.</param>
/// <param name="Arguments">Arguments after the script.</param>
/// <param name="ReadinessUri">Polled with GET until any HTTP response arrives.</param>
public sealed record NodeServerLaunch(string Name, string ScriptPath, IReadOnlyList<string> Arguments, Uri ReadinessUri)
{
    /// <summary>How long the server may take to answer its first request. Default 30 s.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
