using Azure.Identity;
using LogIngest.Core.Observability;

namespace LogIngest.Azure.Hosting;

/// <summary>
/// A sign-in that failed before any request reached a service (no <c>az login</c>, no managed
/// identity, no <c>AZURE_*</c> variables) is an auth error with one fix, not an unknown failure.
/// </summary>
public static class AzureSignIn
{
    /// <summary>What a person does about it.</summary>
    public const string Fix = "sign in with `az login`, run under a managed identity, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET";

    /// <summary>R401 naming the service and <see cref="Fix"/>.</summary>
    public static LogIngestException Failed(string service, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = failure.Message.Split('\n', 2)[0].Trim();
        return new LogIngestException(ErrorCodes.Forbidden, $"Could not sign in to {service}: {Fix} ({reason}).", failure);
    }

    /// <summary>The sign-in failure in an exception's chain, if any.</summary>
    public static AuthenticationFailedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationFailedException failed)
            {
                return failed;
            }

            if (e is AggregateException { InnerExceptions: var inner } && inner.Select(Find).FirstOrDefault(f => f is not null) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
