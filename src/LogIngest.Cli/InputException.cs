namespace LogIngest.Cli;

/// <summary>Bad input from the command line: the message names the option or field and the fix. Exit code 2, nothing changed.</summary>
public sealed class InputException(string message) : Exception(message)
{
    public InputException()
        : this("Invalid input.")
    {
    }

    public InputException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
