using System.Diagnostics;

namespace LogIngest.Cli.Tests.Chaos;

/// <summary>What a chaos test did over its seeds (which may run in parallel), for its one summary line, and what it found.</summary>
public sealed class ChaosTally(string name)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SortedDictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly List<string> _findings = [];
    private int _runs;
    private int _kills;
    private int _partialRuns;
    private long _rows;

    public IReadOnlyList<string> Findings
    {
        get
        {
            lock (_gate)
            {
                return [.. _findings];
            }
        }
    }

    /// <summary>Kills and faults injected so far: a chaos test that injected none proved nothing.</summary>
    public (int Kills, int Faults) Injected
    {
        get
        {
            lock (_gate)
            {
                return (_kills, _faults.Values.Sum());
            }
        }
    }

    /// <summary>One child run: killed, or ended by itself (exit 1, a window's retries exhausted under the faults, is a partial run the next rerun goes on from).</summary>
    public void Run(ChaosAttempt attempt)
    {
        lock (_gate)
        {
            _runs++;
            _kills += attempt.Killed ? 1 : 0;
            _partialRuns += attempt.ExitCode == 1 ? 1 : 0;
        }
    }

    public void Checked(ChaosCheck check, string where)
    {
        lock (_gate)
        {
            _rows += check.Rows;
            _findings.AddRange(check.Findings.Select(f => $"{where}: {f}"));
        }
    }

    public void Finding(string finding)
    {
        lock (_gate)
        {
            _findings.Add(finding);
        }
    }

    public void Faults(IEnumerable<string> faults)
    {
        lock (_gate)
        {
            foreach (var fault in faults)
            {
                _faults[fault] = _faults.GetValueOrDefault(fault) + 1;
            }
        }
    }

    public string Summary()
    {
        lock (_gate)
        {
            return $"chaos {name}: seeds={ChaosSettings.FirstSeed}..{ChaosSettings.FirstSeed + ChaosSettings.Seeds - 1} ({ChaosSettings.Seeds}, {ChaosSettings.Parallel} at a time) " +
                $"runs={_runs} kills={_kills} partial_runs={_partialRuns} faults={_faults.Values.Sum()} [{string.Join(", ", _faults.Select(f => $"{f.Key}={f.Value}"))}] " +
                $"rows_checked={_rows} findings={_findings.Count} duration={_clock.Elapsed.TotalSeconds:0}s";
        }
    }
}
