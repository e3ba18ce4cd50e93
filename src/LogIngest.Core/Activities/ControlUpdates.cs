using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;

namespace LogIngest.Core.Activities;

/// <summary>Read-modify-write of a control document under its ETag, retried when another writer won.</summary>
internal static class ControlUpdates
{
    private const int MaxAttempts = 10;

    public static async Task<ControlDocument> UpdateAsync(
        IControlStore control, string configId, Func<ControlDocument, ControlDocument> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await control.GetConfigAsync(configId, cancellationToken)
                ?? throw new LogIngestException(ErrorCodes.NotFound, $"Config '{configId}' disappeared during the run.");
            try
            {
                return await control.UpdateConfigAsync(change(current), cancellationToken);
            }
            catch (LogIngestException conflict) when (conflict.Code == ErrorCodes.Conflict && attempt < MaxAttempts)
            {
                // Someone else changed the document (an edit of the config); re-read and apply again.
            }
        }
    }
}
