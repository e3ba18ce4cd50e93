using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Configuration;

/// <summary>
/// Stores a config after checking what one config alone cannot show: a stored config of the same id
/// is for the same data (table, lake prefix, source), and no other config writes the same
/// table under the same lake prefix. File names carry the window, not the config, so two such configs
/// would each remove the other's files as orphans of an earlier plan (or write the same rows twice).
/// </summary>
public static class ConfigSaving
{
    public static async Task<ControlDocument> SaveAsync(IControlStore control, LoadConfig config, CancellationToken cancellationToken = default)
    {
        await ThrowIfClashesAsync(control, config, cancellationToken).ConfigureAwait(false);
        return await control.SaveConfigAsync(config, cancellationToken);
    }

    /// <summary>
    /// Every refusal <see cref="SaveAsync"/> makes, without storing: a host asks it before it touches
    /// the source or the lake, so a refused config leaves nothing behind. Returns the stored config of
    /// the same id, if any.
    /// </summary>
    public static async Task<ControlDocument?> ThrowIfClashesAsync(IControlStore control, LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        var stored = await control.GetConfigAsync(config.Id, cancellationToken).ConfigureAwait(false);
        ThrowIfOtherData(stored, config);

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

        return stored;
    }

    /// <summary>C301 naming the id when <paramref name="stored"/> (the stored config of the same id, if any) is for other data than <paramref name="config"/>.</summary>
    public static void ThrowIfOtherData(ControlDocument? stored, LoadConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (stored is not null && DifferentData(stored.Config, config) is { } what)
        {
            throw new LogIngestException(
                ErrorCodes.ConfigInvalid,
                $"id: config '{config.Id}' already exists for {what}; its checkpoints and lake files describe that data, so it is not rewritten. " +
                $"Give this config another id.");
        }
    }

    private static string NormalizedPrefix(LoadConfig config) => config.Lake.Prefix.Trim('/');

    // What a stored config's checkpoints and files stand for: a change of any of these under the same
    // id would skip windows as done that the new data never loaded (table names compare exactly: the
    // lake folder is named by the table as written).
    private static string? DifferentData(LoadConfig stored, LoadConfig config) =>
        !string.Equals(stored.Table, config.Table, StringComparison.Ordinal)
            ? $"table {stored.Table} (this one is for table {config.Table})"
        : !string.Equals(NormalizedPrefix(stored), NormalizedPrefix(config), StringComparison.Ordinal)
            ? $"lake prefix '{stored.Lake.Prefix}' (this one has '{config.Lake.Prefix}')"
        : !string.Equals(stored.Source.Kind, config.Source.Kind, StringComparison.Ordinal)
            || !string.Equals(stored.Source.WorkspaceId, config.Source.WorkspaceId, StringComparison.OrdinalIgnoreCase)
            ? $"source {Describe(stored.Source)} (this one reads {Describe(config.Source)})"
        : null;

    private static string Describe(SourceSpec source) => source.WorkspaceId is { } id ? $"{source.Kind} workspace {id}" : source.Kind;
}
