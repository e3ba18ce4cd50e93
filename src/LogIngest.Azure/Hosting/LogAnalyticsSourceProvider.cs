using Azure.Core;
using LogIngest.Azure.LogAnalytics;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;

namespace LogIngest.Azure.Hosting;

/// <summary>Serves <c>source.kind = logAnalytics</c>: one <see cref="LogAnalyticsClient"/> per workspace id.</summary>
public sealed class LogAnalyticsSourceProvider(TokenCredential credential, Action<LogAnalyticsOptions>? configure) : ILogSourceProvider
{
    public string Kind => SourceKinds.LogAnalytics;

    public string KeyOf(LoadConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var id = config.Source?.WorkspaceId;
        return Guid.TryParse(id, out var workspace)
            ? workspace.ToString("D")
            : throw new LogIngestException(ErrorCodes.ConfigInvalid,
                $"source.workspaceId of config '{config.Id}' must be the workspace's customer id (a GUID) for source.kind '{SourceKinds.LogAnalytics}'; got '{id}'.");
    }

    public ILogSource Create(LoadConfig config)
    {
        var options = new LogAnalyticsOptions();
        configure?.Invoke(options);
        options.WorkspaceId = KeyOf(config);
        return new LogAnalyticsClient(credential, options);
    }
}
