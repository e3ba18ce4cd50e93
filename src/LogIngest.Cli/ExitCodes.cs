namespace LogIngest.Cli;

/// <summary>The process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A failed or partial run, or verification findings.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: the message names the field; nothing was changed.</summary>
    public const int BadInput = 2;
}
