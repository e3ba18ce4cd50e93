using LogIngest.Core.Capacity;

namespace LogIngest.Core.Tests.Capacity;

public class VirtualTimeSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RunQueryAsync_TwelveOneSecondQueriesOnFiveSlots_EndAfterThreeVirtualSecondsFiveAtOnce()
    {
        var scheduler = new VirtualTimeScheduler(Start);
        var slots = new VirtualQuerySlots(scheduler, 5);
        var ends = new List<TimeSpan>();

        scheduler.Run(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            {
                await slots.RunQueryAsync(TimeSpan.FromSeconds(1));
                ends.Add(scheduler.Elapsed);
            }));
            return 0;
        });

        // Five end at 1 s, five at 2 s, the last two at 3 s: a query starts only when a slot frees.
        Assert.Equal([.. Enumerable.Repeat(1, 5), .. Enumerable.Repeat(2, 5), 3, 3], ends.Select(e => (int)e.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(3), scheduler.Elapsed);
        Assert.Equal(5, slots.PeakHeld);
        Assert.Equal(TimeSpan.FromSeconds(12), slots.BusyTime);
    }

    [Fact]
    public void DelayAsync_TimerCancelledWhenTheWorkEnds_ClockStopsAtTheWorkNotTheTimer()
    {
        // As a run's heartbeat timer: set for 2 minutes, cancelled when the 90 s of work ends.
        var scheduler = new VirtualTimeScheduler(Start);
        var cancelled = false;

        scheduler.Run(async () =>
        {
            using var stop = new CancellationTokenSource();
            var heartbeat = scheduler.DelayAsync(TimeSpan.FromMinutes(2), stop.Token);
            await scheduler.DelayAsync(TimeSpan.FromSeconds(90));
            stop.Cancel();
            try
            {
                await heartbeat;
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }

            return 0;
        });

        Assert.True(cancelled);
        Assert.Equal(TimeSpan.FromSeconds(90), scheduler.Elapsed);
    }

    [Fact]
    public void ExternalAsync_RealWorkBesideATimer_ClockStandsStillUntilTheWorkEnds()
    {
        var scheduler = new VirtualTimeScheduler(Start);
        var seen = new List<(string What, TimeSpan At)>();

        scheduler.Run(async () =>
        {
            var timer = Later(scheduler, seen);
            var answer = await scheduler.ExternalAsync(async () =>
            {
                await Task.Delay(50);
                return 42;
            });
            seen.Add(($"external {answer}", scheduler.Elapsed));
            await timer;
            return answer;
        });

        Assert.Equal([("external 42", TimeSpan.Zero), ("timer", TimeSpan.FromHours(1))], seen);
    }

    [Fact]
    public void Run_WorkWaitingForNothingScheduled_ThrowsInsteadOfHanging()
    {
        var scheduler = new VirtualTimeScheduler(Start);
        var never = new TaskCompletionSource<int>();

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Run(() => never.Task));

        Assert.Contains("can never end", error.Message, StringComparison.Ordinal);
    }

    private static async Task Later(VirtualTimeScheduler scheduler, List<(string, TimeSpan)> seen)
    {
        await scheduler.DelayAsync(TimeSpan.FromHours(1));
        seen.Add(("timer", scheduler.Elapsed));
    }
}
