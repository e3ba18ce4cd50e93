namespace LogIngest.Cli.Tests;

/// <summary>A clock that stays at one instant (the tests' own view of the simulated workspace).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
