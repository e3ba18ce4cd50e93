using LogIngest.Benchmarks;

// Every benchmark is one named entry; each prints its figures and, as its last line, a summary in
// key=value form. Benchmarks are not part of the test command.
return BenchmarkCatalog.Run(args);
