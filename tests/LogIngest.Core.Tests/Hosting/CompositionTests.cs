using System.Text.RegularExpressions;
using LogIngest.Core.Activities;
using LogIngest.Core.Hosting;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Verification;
using LogIngest.Core.Workflows;
using LogIngest.Local.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LogIngest.Core.Tests.Hosting;

public sealed class CompositionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "logingest-host-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public CompositionTests()
    {
        _services = new ServiceCollection()
            .AddLogIngest()
            .AddLogIngestLocal(local =>
            {
                local.DatabasePath = Path.Combine(_folder, "state.db");
                local.LakeRoot = Path.Combine(_folder, "lake");
                local.Simulation.OfficeActivityRowsPerDay = 2000;
            })
            .BuildServiceProvider();
    }

    private static LoadConfig Config => new()
    {
        Id = "host-test",
        Table = "OfficeActivity",
        From = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2025, 1, 7, 0, 0, 0, TimeSpan.Zero),
        Limits = new WindowLimits { MaxRows = 800, MinRows = 200 },
        Parallelism = 2,
    };

    [Fact]
    public void AddLogIngest_EveryActivityAndTheHostResolve()
    {
        Type[] activities =
        [
            typeof(LoadConfigActivity), typeof(StartRunActivity), typeof(LoadCheckpointsActivity), typeof(PlanWindowsActivity),
            typeof(IngestWindowActivity), typeof(CountWindowActivity), typeof(WriteCheckpointActivity), typeof(RecordEmptySpansActivity),
            typeof(WriteAuditActivity), typeof(CompleteRunActivity),
        ];
        foreach (var type in activities)
        {
            Assert.NotNull(_services.GetRequiredService(type));
        }

        Assert.NotNull(_services.GetRequiredService<InProcessWorkflowHost>());
        Assert.Contains(ActivityNames.IngestWindow, _services.GetRequiredService<InProcessHostOptions>().StoppableActivities);
        Assert.IsType<ParquetLakeFileReader>(_services.GetRequiredService<ILakeFileReader>());
        Assert.Same(_services.GetRequiredService<IStateStore>(), _services.GetRequiredService<ICheckpointStore>());
    }

    [Fact]
    public void NewRunId_IsReadableSortableAndFreeOfColons()
    {
        var id = _services.GetRequiredService<RunService>().NewRunId("host-test");

        Assert.Matches(new Regex("^host-test-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}$"), id);
    }

    [Fact]
    public async Task RunAsync_ReportsProgressWhoseLastTotalsMatchTheSummary()
    {
        var runs = _services.GetRequiredService<RunService>();
        await runs.SaveConfigAsync(Config);
        var reports = new List<RunProgress>();

        var outcome = await runs.RunAsync(Config.Id, new RunRequest { Progress = new Collect(reports) });

        Assert.Equal(RunStatus.Succeeded, outcome.Summary.Status);
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(outcome.Summary.WindowsCompleted > 1);
        Assert.NotEmpty(reports);
        Assert.Equal(outcome.Summary.WindowsCompleted, reports.Max(r => r.WindowsCompleted));
        Assert.Equal(outcome.Summary.Rows, reports.Max(r => r.Rows));
        Assert.True(outcome.Queries >= outcome.Summary.WindowsCompleted);
    }

    [Fact]
    public async Task RunAsync_StopRequestedBeforeAnyWindow_WritesNothingAndRerunLoadsAll()
    {
        var runs = _services.GetRequiredService<RunService>();
        await runs.SaveConfigAsync(Config);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var stopped = await runs.RunAsync(Config.Id, new RunRequest { StopToken = stop.Token });
        var resumed = await runs.RunAsync(Config.Id);

        Assert.Equal(RunStatus.Partial, stopped.Summary.Status);
        Assert.Equal(0, stopped.Summary.WindowsCompleted);
        Assert.True(stopped.Summary.WindowsStopped > 0);
        Assert.Equal(RunStatus.Succeeded, resumed.Summary.Status);
        var reconciliation = await _services.GetRequiredService<LakeVerifier>().ReconcileAsync(Config, TimeAxis.TimeGenerated, resumed.Summary.Requested!.Value);
        Assert.True(reconciliation.Exact, reconciliation.ToString());
    }

    [Fact]
    public async Task SaveConfigAsync_InvalidConfig_ThrowsC301AndStoresNothing()
    {
        var runs = _services.GetRequiredService<RunService>();

        var error = await Assert.ThrowsAsync<LogIngestException>(() => runs.SaveConfigAsync(Config with { Parallelism = 0 }));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("parallelism", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _services.GetRequiredService<IControlStore>().ListConfigsAsync());
    }

    [Fact]
    public async Task DeleteConfigAsync_WhileItsRunIsInFlight_RefusedAndKept_ThenAfterTheRunForgetsConfigAndCheckpoints()
    {
        var runs = _services.GetRequiredService<RunService>();
        var control = _services.GetRequiredService<IControlStore>();
        await runs.SaveConfigAsync(Config);
        LogIngestException? refused = null;
        var asked = 0;

        // Asked from the run's own progress report, so the run is certainly in flight.
        var outcome = await runs.RunAsync(Config.Id, new RunRequest
        {
            Progress = new OnReport(_ =>
            {
                if (Interlocked.Exchange(ref asked, 1) == 0)
                {
                    refused = Assert.ThrowsAsync<LogIngestException>(() => runs.DeleteConfigAsync(Config.Id)).GetAwaiter().GetResult();
                }
            }),
        });

        Assert.Equal(RunStatus.Succeeded, outcome.Summary.Status);
        Assert.Equal(ErrorCodes.Conflict, refused?.Code);
        Assert.Contains(Config.Id, refused!.Message, StringComparison.Ordinal);
        Assert.NotNull(await control.GetConfigAsync(Config.Id));

        await runs.DeleteConfigAsync(Config.Id);

        Assert.Null(await control.GetConfigAsync(Config.Id));
        Assert.Empty(await _services.GetRequiredService<ICheckpointStore>().ListWindowsAsync(Config.Id).ToListAsync());
        var missing = await Assert.ThrowsAsync<LogIngestException>(() => runs.DeleteConfigAsync(Config.Id));
        Assert.Equal(ErrorCodes.NotFound, missing.Code);
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private sealed class Collect(List<RunProgress> reports) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    private sealed class OnReport(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
