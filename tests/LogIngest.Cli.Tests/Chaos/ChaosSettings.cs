using System.Globalization;
using Xunit.Abstractions;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>
/// How many seeds a chaos test runs: 10 in the test command, more for a soak
/// (<c>LOGINGEST_CHAOS_SEEDS=100 ./test.sh --filter FullyQualifiedName~Chaos</c>). Seeds run from
/// <c>LOGINGEST_CHAOS_FIRST_SEED</c> (default 1), so a failing seed reruns alone with SEEDS=1 and its number.
/// <c>LOGINGEST_CHAOS_PARALLEL</c> sets how many seeds run at once. Each run's summary line goes to the test output and, when <c>LOGINGEST_CHAOS_SUMMARY</c> names a
/// file (test.sh sets one and prints it at the end), is appended there.
/// </summary>
public static class ChaosSettings
{
    public static int Seeds => Number("LOGINGEST_CHAOS_SEEDS", 10);

    public static int FirstSeed => Number("LOGINGEST_CHAOS_FIRST_SEED", 1);

    /// <summary>Seeds run at once (<c>LOGINGEST_CHAOS_PARALLEL</c>, default 2): each has its own proxies, state database, lake container and folder, and much of a seed's time is waiting (retry backoff, leases of killed runs).</summary>
    public static int Parallel => Number("LOGINGEST_CHAOS_PARALLEL", 2);

    public static IEnumerable<int> SeedList => Enumerable.Range(FirstSeed, Seeds);

    /// <summary>Runs <paramref name="seed"/> for every seed, <see cref="Parallel"/> at a time.</summary>
    public static Task ForEachSeedAsync(Func<int, Task> seed) =>
        System.Threading.Tasks.Parallel.ForEachAsync(SeedList, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (s, _) => await seed(s));

    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("LOGINGEST_CHAOS_SUMMARY") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }

    private static int Number(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new InvalidOperationException($"{name} must be a positive whole number; got '{text}'.")
            : fallback;
}
