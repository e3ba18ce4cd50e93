using LogIngest.Core.Model;

namespace LogIngest.Core.Tests.Planning;

/// <summary>Random and adversarial ground truths for the planning properties, from a seeded generator.</summary>
internal static class HistogramShapes
{
    public static readonly long Origin = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public static readonly string[] Kinds =
        ["uniform", "diurnal", "spikes", "empty", "huge-instant", "at-limit", "near-limit", "dense-millisecond", "byte-heavy", "sparse"];

    public static Interval RandomGap(Random random)
    {
        long[] lengths = [1, 7, TimeSpan.TicksPerMillisecond * 3, TimeSpan.TicksPerSecond * 90, TimeSpan.TicksPerHour * 5, TimeSpan.TicksPerDay * 3, TimeSpan.TicksPerDay * 40];
        var length = Math.Max(1, (long)(lengths[random.Next(lengths.Length)] * (0.5 + random.NextDouble())));
        var start = Origin + (long)(random.NextDouble() * TimeSpan.TicksPerDay * 10);
        if (random.Next(4) == 0)
        {
            start = start / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour; // aligned gaps too
        }

        return new Interval(start, start + length);
    }

    public static PointSource Make(string kind, Interval span, WindowLimits limits, Random random)
    {
        var points = new List<(long, long, long)>();
        long Tick() => span.Start + (long)(random.NextDouble() * span.Length);
        long BytesFor(long rows) => rows * random.Next(50, 150);
        void Add(long tick, long rows) => points.Add((tick, rows, BytesFor(rows)));
        var budget = random.Next(1, 400);
        switch (kind)
        {
            case "uniform":
                for (var i = 0; i < budget; i++)
                {
                    Add(span.Start + (span.Length * i / budget), random.Next(1, (int)(limits.MaxRows / 4) + 1));
                }

                break;
            case "diurnal":
                for (var i = 0; i < budget * 2; i++)
                {
                    var tick = Tick();
                    var hour = new DateTime(tick, DateTimeKind.Utc).Hour;
                    var weight = 1 + Math.Sin(hour / 24.0 * 2 * Math.PI);
                    Add(tick, (long)(weight * random.Next(1, (int)(limits.MaxRows / 3) + 1)) + 1);
                }

                break;
            case "spikes":
                for (var i = 0; i < budget; i++)
                {
                    Add(Tick(), random.Next(1, 50));
                }

                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    var at = Tick();
                    for (var j = random.Next(1, 40); j > 0; j--)
                    {
                        Add(Math.Min(span.End - 1, at + random.Next(0, 20_000)), random.Next(1, (int)limits.MaxRows));
                    }
                }

                break;
            case "empty":
                break;
            case "huge-instant":
                Add(Tick(), limits.MaxRows * random.Next(1, 30) + random.Next(1, 1000));
                for (var i = random.Next(0, 30); i > 0; i--)
                {
                    Add(Tick(), random.Next(1, 100));
                }

                break;
            case "at-limit":
                for (var i = random.Next(1, 20); i > 0; i--)
                {
                    points.Add((Tick(), limits.MaxRows, Math.Min(limits.MaxBytes, limits.MaxRows * 10)));
                }

                if (random.Next(2) == 0)
                {
                    points.Add((Tick(), 1, limits.MaxBytes)); // bytes exactly at the limit
                }

                break;
            case "near-limit":
                for (var i = random.Next(1, 20); i > 0; i--)
                {
                    Add(Tick(), limits.MaxRows + random.Next(-1, 2)); // limit-1, limit, limit+1
                }

                break;
            case "dense-millisecond":
                {
                    var at = Tick();
                    for (var i = budget * 3; i > 0; i--)
                    {
                        Add(Math.Min(span.End - 1, at + random.Next(0, (int)TimeSpan.TicksPerMillisecond)), random.Next(1, (int)(limits.MaxRows / 5) + 1));
                    }
                }

                break;
            case "byte-heavy":
                for (var i = 0; i < budget; i++)
                {
                    var rows = random.Next(1, 50);
                    points.Add((Tick(), rows, limits.MaxBytes / random.Next(2, 40)));
                }

                break;
            case "sparse":
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    Add(Tick(), random.Next(1, 10));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown shape");
        }

        return new PointSource(points);
    }

    public static WindowLimits RandomLimits(Random random)
    {
        var maxRows = random.Next(100, 5_000);
        return new WindowLimits
        {
            MaxRows = maxRows,
            MaxBytes = maxRows * random.Next(60, 200),
            MinRows = maxRows / random.Next(2, 10),
        };
    }

    public static IntervalSet RandomDone(Interval span, Random random)
    {
        var done = new List<Interval>();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            var a = span.Start + (long)(random.NextDouble() * span.Length);
            var b = Math.Min(span.End, a + (long)(random.NextDouble() * span.Length / 3) + 1);
            done.Add(new Interval(a, b));
        }

        return IntervalSet.Of(done);
    }
}
