using LogIngest.Core.Configuration;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Workflows;

namespace LogIngest.Core.Hosting;

/// <summary>
/// The one way a host starts a run, whatever engine runs it: the HTTP API, the daily timer and the
/// CLI only translate to and from it. Every refusal happens before anything is stored: an invalid
/// config (C301 naming each field), a source kind this host cannot serve (C301), a config whose run
/// is in flight (R409: it may not change under its run, and one run per config), a second config on
/// the same table folder (C301, <see cref="ConfigSaving"/>), an unknown config id (R402). Deleting a
/// config is refused the same way while its run is in flight.
/// </summary>
public sealed class RunLauncher
{
    private readonly IControlStore _control;
    private readonly ILogSourceFactory _sources;
    private readonly LogIngestOptions _options;
    private readonly TimeProvider _time;

    public RunLauncher(IControlStore control, ILogSourceFactory sources, LogIngestOptions options, TimeProvider time)
    {
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Checks and stores a config (create, or replace its config part), refusing as described above.</summary>
    public async Task<ControlDocument> SaveAsync(IRunEngine engine, LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(config);
        ConfigValidator.ThrowIfInvalid(config);
        _sources.ForConfig(config);
        if (await engine.IsInFlightAsync(config.Id, cancellationToken).ConfigureAwait(false))
        {
            throw InFlight(config.Id);
        }

        return await ConfigSaving.SaveAsync(_control, config, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the config (<see cref="SaveAsync"/>) and starts a run of it.</summary>
    public async Task<RunTicket> StartAsync(IRunEngine engine, LoadConfig config, CancellationToken cancellationToken = default)
    {
        var saved = await SaveAsync(engine, config, cancellationToken).ConfigureAwait(false);
        return await StartAsync(engine, saved.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a run of a stored config; R402 when there is none, R409 when one is in flight.</summary>
    public async Task<RunTicket> StartAsync(IRunEngine engine, string configId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrEmpty(configId);
        var document = await _control.GetConfigAsync(configId, cancellationToken).ConfigureAwait(false)
            ?? throw new LogIngestException(ErrorCodes.NotFound, $"No config '{configId}' is stored; store it first (POST it as a backfill, or logingest run --config <file>).");
        _sources.ForConfig(document.Config);
        var input = NewInput(configId);
        if (!await engine.TryStartAsync(input, cancellationToken).ConfigureAwait(false))
        {
            throw InFlight(configId);
        }

        return new RunTicket(configId, input.RunId, RunIds.InstanceFor(configId));
    }

    /// <summary>
    /// Forgets a stored config (<see cref="IControlStore.DeleteConfigAsync"/>: its document and
    /// checkpoints; run history and lake files stay). R402 when there is none, R409 while its run is in
    /// flight (a run would otherwise checkpoint under a config that no longer exists).
    /// </summary>
    public async Task DeleteAsync(IRunEngine engine, string configId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrEmpty(configId);
        if (await _control.GetConfigAsync(configId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new LogIngestException(ErrorCodes.NotFound, $"No config '{configId}' is stored (see: logingest config list).");
        }

        if (await engine.IsInFlightAsync(configId, cancellationToken).ConfigureAwait(false))
        {
            throw InFlight(configId);
        }

        await _control.DeleteConfigAsync(configId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The input of a new run of the config: a fresh run id and this host's retry policy and window fan-out.</summary>
    public LoadRunInput NewInput(string configId) =>
        new(configId, RunIds.NewRun(configId, _time.GetUtcNow())) { Retry = _options.Retry, WindowWidth = _options.WindowWidth, HeartbeatInterval = _options.HeartbeatInterval };

    private static LogIngestException InFlight(string configId) =>
        new(ErrorCodes.Conflict, $"A run of '{configId}' is still in flight ({RunIds.InstanceFor(configId)}); wait for it to end or cancel it, then try again.");
}

/// <summary>A started run: which config, its run id (audit rows, events) and its engine instance id (status, cancel).</summary>
public sealed record RunTicket(string ConfigId, string RunId, string InstanceId);
