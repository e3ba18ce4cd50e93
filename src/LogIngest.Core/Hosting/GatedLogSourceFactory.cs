using System.Collections.Concurrent;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LogIngest.Core.Hosting;

/// <summary>
/// The host's one <see cref="ILogSourceFactory"/>: routes <c>config.source.kind</c> to its registered
/// <see cref="ILogSourceProvider"/>, makes one source per provider key, logs its throttling, failures and
/// slow queries (<see cref="ObservedLogSource"/>), and wraps every source in the <see cref="QueryGate"/> (all sources share one identity, so one cap).
/// </summary>
public sealed class GatedLogSourceFactory : ILogSourceFactory
{
    private readonly Dictionary<string, ILogSourceProvider> _providers;
    private readonly QueryGate _gate;
    private readonly ILogger _logger;
    private readonly TimeSpan _slowQuery;
    private readonly ConcurrentDictionary<(string Kind, string Key), Lazy<ILogSource>> _sources = new();

    public GatedLogSourceFactory(IEnumerable<ILogSourceProvider> providers, QueryGate gate, LogIngestOptions? options = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<ObservedLogSource>();
        _slowQuery = (options ?? new LogIngestOptions()).SlowQuery;
        _providers = new Dictionary<string, ILogSourceProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            // The last registration of a kind wins, as with DI's own single-service resolution.
            _providers[provider.Kind] = provider;
        }
    }

    /// <summary>The source kinds this host can read.</summary>
    public IReadOnlyCollection<string> Kinds => _providers.Keys;

    public ILogSource ForConfig(LoadConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kind = config.Source?.Kind ?? string.Empty;
        if (!_providers.TryGetValue(kind, out var provider))
        {
            var known = _providers.Count == 0 ? "none" : string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal));
            throw new LogIngestException(ErrorCodes.ConfigInvalid,
                $"source.kind '{kind}' of config '{config.Id}' is not served by this host (it serves: {known}).");
        }

        var key = provider.KeyOf(config);
        return _sources.GetOrAdd((kind, key), _ => new Lazy<ILogSource>(() => _gate.Wrap(new ObservedLogSource(provider.Create(config), _logger, _slowQuery)))).Value;
    }
}
