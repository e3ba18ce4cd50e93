using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Configuration;

/// <summary>
/// Stores a config after checking what one config alone cannot show: no other config writes the same
/// table under the same lake prefix. File names carry the window, not the config, so two such configs
/// would each remove the other's files as orphans of an earlier plan (or write the same rows twice).
/// </summary>
public static class ConfigSaving
{
    public static async Task<ControlDocument> SaveAsync(IControlStore control, LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        foreach (var other in await control.ListConfigsAsync(cancellationToken))
        {
            if (other.Id != config.Id
                && string.Equals(other.Config.Table, config.Table, StringComparison.OrdinalIgnoreCase)
                && string.Equals(NormalizedPrefix(other.Config), NormalizedPrefix(config), StringComparison.Ordinal))
            {
                throw new LogIngestException(
                    ErrorCodes.ConfigInvalid,
                    $"lake.prefix: config '{other.Id}' already loads table {other.Config.Table} into lake prefix '{other.Config.Lake.Prefix}'. " +
                    $"Two configs writing one table folder would remove each other's files; give config '{config.Id}' another lake.prefix, or run '{other.Id}'.");
            }
        }

        return await control.SaveConfigAsync(config, cancellationToken);
    }

    private static string NormalizedPrefix(LoadConfig config) => config.Lake.Prefix.Trim('/');
}
