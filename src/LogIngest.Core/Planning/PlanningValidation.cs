using System.Globalization;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;

namespace LogIngest.Core.Planning;

/// <summary>Checks of the config fields planning depends on; errors name the field and the fix.</summary>
internal static class PlanningValidation
{
    public const int MaxParallelism = 32;

    public static void ValidateLimits(WindowLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MaxRows < 1 || limits.MaxRows > WindowLimits.ApiMaxRows)
        {
            throw Invalid($"limits.maxRows must lie in [1, {WindowLimits.ApiMaxRows}] (the API's cap per result); got {limits.MaxRows}.");
        }

        if (limits.MaxBytes < 1 || limits.MaxBytes > WindowLimits.ApiMaxBytes)
        {
            throw Invalid($"limits.maxBytes must lie in [1, {WindowLimits.ApiMaxBytes}] (the API's cap per result); got {limits.MaxBytes}.");
        }

        if (limits.MinRows < 0 || limits.MinRows > limits.MaxRows)
        {
            throw Invalid($"limits.minRows must lie in [0, limits.maxRows = {limits.MaxRows}]; got {limits.MinRows}.");
        }
    }

    public static void ValidateParallelism(int parallelism)
    {
        if (parallelism < 1 || parallelism > MaxParallelism)
        {
            throw Invalid($"parallelism must lie in [1, {MaxParallelism}]; got {parallelism}.");
        }
    }

    public static LogIngestException Invalid(FormattableString message) =>
        new(ErrorCodes.ConfigInvalid, message.ToString(CultureInfo.InvariantCulture));
}
