namespace LogIngest.Benchmarks;

/// <summary>The named benchmarks of this executable.</summary>
internal static class BenchmarkCatalog
{
    // Each later issue adds its benchmark here: parquet, la-parse, planner, stream, e2e.
    private static readonly Dictionary<string, Func<string[], Task<int>>> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["e2e"] = E2eBenchmark.RunAsync,
        ["ingest"] = IngestBenchmark.RunAsync,
        ["la-parse"] = LaParseBenchmark.RunAsync,
        ["parquet"] = ParquetBenchmark.RunAsync,
        ["parquet-read"] = ParquetReadBenchmark.RunAsync,
        ["persistence"] = PersistenceBenchmark.RunAsync,
        ["planner"] = PlannerBenchmark.RunAsync,
        ["query-slots"] = QuerySlotsBenchmark.RunAsync,
        ["stream"] = StreamBenchmark.RunAsync,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project bench/LogIngest.Benchmarks -- <name> [options]");
            Console.Error.WriteLine("names: " + (Benchmarks.Count == 0 ? "(none yet)" : string.Join(", ", Benchmarks.Keys.Order())));
            return 2;
        }

        try
        {
            return benchmark(args[1..]).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            // A benchmark that cannot run says why in one line; the figures it printed so far stay.
            Console.Error.WriteLine($"{args[0]}: failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0].Trim()}");
            return 1;
        }
    }
}
