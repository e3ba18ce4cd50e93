using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Activities;

/// <summary>A config as a run starts from it: the config and where its last run left the watermark.</summary>
public sealed record LoadedConfig(LoadConfig Config, DateTimeOffset? Watermark, RunStatus Status)
{
    /// <summary>The config's previous run, if any (its status is <see cref="Status"/>).</summary>
    public string? LastRunId { get; init; }

    /// <summary>
    /// The run a new run reruns: the previous one when it did not succeed (failed, partial, or left
    /// RUNNING by a host that died); null after a success or for a first run.
    /// </summary>
    public string? ParentRunId => LastRunId is not null && Status is RunStatus.Failed or RunStatus.Partial or RunStatus.Running ? LastRunId : null;
}

/// <summary>Reads and validates a config by id (R402 when missing, C301 when invalid).</summary>
public sealed class LoadConfigActivity(IControlStore control) : Workflows.IActivity<string, LoadedConfig>
{
    public async Task<LoadedConfig> RunAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        var document = await control.GetConfigAsync(input, cancellationToken)
            ?? throw new LogIngestException(ErrorCodes.NotFound, $"No config has id '{input}'. Create it first (logingest run --config <file>) or check the id.");
        ConfigValidator.ThrowIfInvalid(document.Config);
        return new LoadedConfig(document.Config, document.Watermark, document.Status) { LastRunId = document.LastRunId };
    }
}
