using System.CommandLine;
using LogIngest.Azure.Hosting;
using LogIngest.Core.Observability;

namespace LogIngest.Cli.Commands;

/// <summary>
/// One error policy for every command: bad input, a refused start (R409: a run in flight) and a missing
/// sign-in (R401) exit 2 with one line naming the fix; an abort or other failure exits 1.
/// </summary>
internal static class CommandActions
{
    public static void Set(Command command, CliEnvironment environment, Func<ParseResult, Task<int>> action)
    {
        command.SetAction(async (parse, _) =>
        {
            try
            {
                return await action(parse);
            }
            catch (InputException bad)
            {
                await environment.Error.WriteLineAsync("error: " + bad.Message);
                return ExitCodes.BadInput;
            }
            catch (Exception failed) when (AzureSignIn.Find(failed) is { } signIn && failed is not LogIngestException { Code: ErrorCodes.Forbidden })
            {
                // A missing login surfaces from whichever service is asked first: one line, the fix, nothing was changed.
                await environment.Error.WriteLineAsync($"error: {ErrorCodes.Forbidden}: {AzureSignIn.Failed("Azure", signIn).Message}");
                return ExitCodes.BadInput;
            }
            catch (LogIngestException refused) when (ErrorCodes.ClassOf(refused.Code) == ErrorClass.Config
                || refused.Code is ErrorCodes.NotFound or ErrorCodes.Conflict or ErrorCodes.Forbidden)
            {
                await environment.Error.WriteLineAsync($"error: {refused.Code}: {refused.Message}");
                return ExitCodes.BadInput;
            }
            catch (LogIngestException failed)
            {
                await environment.Error.WriteLineAsync($"failed: {failed.Code}: {failed.Message}");
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (environment.AbortToken.IsCancellationRequested)
            {
                await environment.Error.WriteLineAsync("aborted: windows in flight were abandoned; run the same command again to finish (done windows are skipped).");
                return ExitCodes.Failed;
            }
        });
    }
}
