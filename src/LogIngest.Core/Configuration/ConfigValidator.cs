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

    /// <summary>Earliest time a config may name: anything before is a mistyped year, not log data.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest time a config may name.</summary>
    public static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Longest backfill range: a Log Analytics workspace keeps a table at most 12 years.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(4383);

    /// <summary>Longest settle delay: late rows arrive within hours, so a week only hides data.</summary>
    public static readonly TimeSpan MaxSettleDelay = TimeSpan.FromDays(7);

    /// <summary>The longest <c>sla</c>: a month, past any run's reasonable length.</summary>
    public static readonly TimeSpan MaxSla = TimeSpan.FromDays(31);

    /// <summary>All problems of <paramref name="config"/>; empty when it is valid.</summary>
    public static IReadOnlyList<ConfigProblem> Validate(LoadConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<ConfigProblem>();
        void Problem(string field, string message) => problems.Add(new ConfigProblem(field, message));

        if (config.Id is null || !IdPattern().IsMatch(config.Id))
        {
            Problem("id", $"{Show(config.Id ?? string.Empty)} is not a valid id: use 1-64 characters of a-z, 0-9 and '-'.");
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

        var flattened = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < config.Flatten?.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"flatten[{i}]");
            if (KqlValidation.CheckIdentifier(config.Flatten[i]) is { } columnProblem)
            {
                Problem(field, columnProblem + ".");
            }
            else if (!flattened.Add(config.Flatten[i]))
            {
                Problem(field, $"'{config.Flatten[i]}' is listed twice: name each column once.");
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
        return $"Config{(string.IsNullOrEmpty(configId) ? string.Empty : $" '{configId}'")} is invalid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
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
                    problem("source.workspaceId", $"{Show(source.WorkspaceId ?? string.Empty)} is not a workspace id: give the workspace's GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
                }

                break;
            case SourceKinds.Simulated:
                break;
            default:
                problem("source.kind", $"{Show(source.Kind ?? string.Empty)} is not a known source: use '{SourceKinds.LogAnalytics}' or '{SourceKinds.Simulated}'.");
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

        var inBounds = CheckBounds("from", config.From, problem) & CheckBounds("to", config.To, problem);
        if (config.From is { } from && config.To is { } to && inBounds)
        {
            if (to <= from)
            {
                problem("to", $"{Time(to)} is not after from ({Time(from)}): the range is [from, to), so to must be later.");
            }
            else if (to - from > MaxRange)
            {
                problem("to", string.Create(CultureInfo.InvariantCulture,
                    $"the range [{Time(from)}, {Time(to)}) spans {(to - from).TotalDays:N0} days; a workspace keeps at most 12 years ({MaxRange.TotalDays:N0} days): narrow it, or split it into several configs."));
            }
        }

        if (config.SettleDelay < TimeSpan.Zero || config.SettleDelay > MaxSettleDelay)
        {
            problem("settleDelay", $"{config.SettleDelay:c} is out of range: use a delay from 00:00:00 to {MaxSettleDelay:c} (7 days), such as 00:30:00.");
        }

        if (config.Sla is { } sla && sla <= TimeSpan.Zero)
        {
            problem("sla", $"{sla} is not positive: give an expected duration such as \"01:00:00\", or leave it out.");
        }
        else if (config.Sla > MaxSla)
        {
            problem("sla", $"{config.Sla:c} is longer than a run may be expected to take ({MaxSla:c}, 31 days): give the longest duration you expect, such as \"06:00:00\".");
        }
    }

    private static bool CheckBounds(string field, DateTimeOffset? time, Action<string, string> problem)
    {
        if (time is { } t && (t < EarliestTime || t >= LatestTime))
        {
            problem(field, $"{Time(t)} is not a time log data can have: use a time from {Time(EarliestTime)} to before {Time(LatestTime)} (is the year right?).");
            return false;
        }

        return true;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

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

        // Letters, digits, '.', '_' and '-' only: no '..' or absolute path, no '\\' or ':', no '%' that a
        // store could decode into one; the same name is safe as a folder and as a blob name.
        if (prefix.Length > MaxPrefixLength || !PrefixPattern().IsMatch(prefix) || prefix.Split('/').Any(segment => segment is "." or ".."))
        {
            problem("lake.prefix", $"{Show(prefix)} is not a safe lake folder: use at most {MaxPrefixLength} characters of '/'-separated folder names made of letters, digits, '.', '_' and '-' (no leading '/', no '..', '\\', ':' or '%'), such as \"loganalytics\".");
        }
    }

    // User text as a message quotes it: JSON-escaped, so line breaks and look-alike letters show as \uXXXX.
    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length <= 80 ? text : text[..77] + "...");

    private const int MaxPrefixLength = 256;

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
