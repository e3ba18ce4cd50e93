namespace LogIngest.Cli;

/// <summary>A clock that starts at a given instant and then runs at real speed (<c>--now</c>: rehearse a load "as of" a time).</summary>
public sealed class OffsetTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
