namespace LogIngest.Core.Configuration;

/// <summary>One thing wrong with a config: the field (JSON name, e.g. <c>limits.maxRows</c>) and how to fix it.</summary>
public sealed record ConfigProblem(string Field, string Message)
{
    public override string ToString() => Field + ": " + Message;
}
