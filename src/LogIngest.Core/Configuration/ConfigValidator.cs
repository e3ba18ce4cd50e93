using System.Globalization;
using System.Text.RegularExpressions;
using LogIngest.Core.Kql;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Configuration;

/// <summary>Checks a <see cref="LoadConfig"/> and reports every problem at once, each naming the field and the fix.</summary>
public static partial class ConfigValidator
{
    public const int MinParallelism = 1;
    public const int MaxParallelism = 32;

    /// <summary>All problems of <paramref name="config"/>; empty when it is valid.</summary>
    public static IReadOnlyList<ConfigProblem> Validate(LoadConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<ConfigProblem>();
        void Problem(string field, string message) => problems.Add(new ConfigProblem(field, message));

        if (config.Id is null || !IdPattern().IsMatch(config.Id))
        {
            Problem("id", $"'{config.Id}' is not a valid id: use 1-64 characters of a-z, 0-9 and '-'.");
        }

        if (KqlValidation.CheckIdentifier(config.Table) is { } tableProblem)
        {
            Problem("table", tableProblem + ".");
        }

        if (KqlValidation.CheckFilter(config.Filter) is { } filterProblem)
        {
            Problem("filter", filterProblem + ".");
        }

        ValidateSource(config.Source, Problem);
        ValidateTimes(config, Problem);

        for (var i = 0; i < config.Flatten?.Count; i++)
        {
            if (KqlValidation.CheckIdentifier(config.Flatten[i]) is { } columnProblem)
            {
                Problem(string.Create(CultureInfo.InvariantCulture, $"flatten[{i}]"), columnProblem + ".");
            }
        }

        ValidateLimits(config.Limits, Problem);

        if (config.Parallelism is < MinParallelism or > MaxParallelism)
        {
            Problem("parallelism", string.Create(CultureInfo.InvariantCulture, $"{config.Parallelism} is out of range: use {MinParallelism} to {MaxParallelism}."));
        }

        ValidateLake(config.Lake, Problem);
        return problems;
    }

    /// <summary>Throws <see cref="LogIngestException"/> C301 listing every problem when the config is invalid.</summary>
    public static void ThrowIfInvalid(LoadConfig config)
    {
        var problems = Validate(config);
        if (problems.Count > 0)
        {
            throw new LogIngestException(ErrorCodes.ConfigInvalid, Describe(config.Id, problems));
        }
    }

    /// <summary>One message listing the problems, one per line.</summary>
    public static string Describe(string? configId, IReadOnlyCollection<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"Config '{configId}' is invalid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
            + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }

    private static void ValidateSource(SourceSpec? source, Action<string, string> problem)
    {
        if (source is null)
        {
            problem("source", "is missing: give { \"kind\": \"logAnalytics\", \"workspaceId\": \"<guid>\" } or { \"kind\": \"simulated\" }.");
            return;
        }

        switch (source.Kind)
        {
            case SourceKinds.LogAnalytics:
                if (!Guid.TryParseExact(source.WorkspaceId ?? string.Empty, "D", out _))
                {
                    problem("source.workspaceId", $"'{source.WorkspaceId}' is not a workspace id: give the workspace's GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
                }

                break;
            case SourceKinds.Simulated:
                break;
            default:
                problem("source.kind", $"'{source.Kind}' is not a known source: use '{SourceKinds.LogAnalytics}' or '{SourceKinds.Simulated}'.");
                break;
        }
    }

    private static void ValidateTimes(LoadConfig config, Action<string, string> problem)
    {
        if (config.Mode == LoadMode.Backfill)
        {
            if (config.From is null)
            {
                problem("from", "is required for a backfill: give the start, e.g. \"2025-01-01T00:00:00Z\".");
            }

            if (config.To is null)
            {
                problem("to", "is required for a backfill: give the (exclusive) end, e.g. \"2025-02-01T00:00:00Z\".");
            }
        }
        else if (config.Mode != LoadMode.Incremental)
        {
            problem("mode", $"'{config.Mode}' is not a mode: use 'backfill' or 'incremental'.");
        }

        if (config.From is { } from && config.To is { } to && to <= from)
        {
            problem("to", $"{to:O} is not after from ({from:O}): the range is [from, to), so to must be later.");
        }

        if (config.SettleDelay < TimeSpan.Zero)
        {
            problem("settleDelay", $"{config.SettleDelay} is negative: use a delay of 00:00:00 or more.");
        }

        if (config.Sla is { } sla && sla <= TimeSpan.Zero)
        {
            problem("sla", $"{sla} is not positive: give an expected duration such as \"01:00:00\", or leave it out.");
        }
    }

    private static void ValidateLimits(WindowLimits? limits, Action<string, string> problem)
    {
        if (limits is null)
        {
            problem("limits", "is null: leave it out for the defaults or give { \"maxRows\", \"maxBytes\", \"minRows\" }.");
            return;
        }

        if (limits.MaxRows is < 1 or > WindowLimits.ApiMaxRows)
        {
            problem("limits.maxRows", string.Create(CultureInfo.InvariantCulture, $"{limits.MaxRows} is out of range: use 1 to {WindowLimits.ApiMaxRows} (the API returns at most {WindowLimits.ApiMaxRows} rows)."));
        }

        if (limits.MaxBytes is < 1 or > WindowLimits.ApiMaxBytes)
        {
            problem("limits.maxBytes", string.Create(CultureInfo.InvariantCulture, $"{limits.MaxBytes} is out of range: use 1 to {WindowLimits.ApiMaxBytes} (the API returns at most ~64 MB)."));
        }

        if (limits.MinRows < 0 || limits.MinRows > limits.MaxRows)
        {
            problem("limits.minRows", string.Create(CultureInfo.InvariantCulture, $"{limits.MinRows} is out of range: use 0 to maxRows ({limits.MaxRows})."));
        }
    }

    private static void ValidateLake(LakeSpec? lake, Action<string, string> problem)
    {
        var prefix = lake?.Prefix;
        if (string.IsNullOrWhiteSpace(prefix))
        {
            problem("lake.prefix", "is empty: give a relative folder such as \"loganalytics\".");
            return;
        }

        if (prefix.StartsWith('/') || prefix.Contains('\\', StringComparison.Ordinal) || prefix.Contains(':', StringComparison.Ordinal)
            || prefix.Split('/').Any(segment => segment is "." or ".." || segment.Length == 0)
            || prefix.Any(char.IsControl))
        {
            problem("lake.prefix", $"'{prefix}' could escape the lake root: use a relative path of '/'-separated folder names, with no leading '/', no '\\', no ':', no empty, '.' or '..' segments.");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
