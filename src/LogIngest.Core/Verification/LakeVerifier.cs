using System.Globalization;
using LogIngest.Core.Activities;
using LogIngest.Core.Model;
using LogIngest.Core.Observability;
using LogIngest.Core.Ports;
using LogIngest.Core.State;
using LogIngest.Core.Transform;

namespace LogIngest.Core.Verification;

/// <summary>
/// Checks the lake against the checkpoints and the source, per config:
/// every checkpointed window's files exist; no window file of the table lacks a checkpoint; no two
/// files of a table/day cover the same instant; each window's checkpointed rows equal its files'
/// Parquet row counts; the source still counts what each window wrote; no composite key repeats.
/// Also reconciles a span: source rows vs lake rows vs distinct keys.
/// </summary>
public sealed class LakeVerifier
{
    private const int MaxExamples = 5;

    private readonly IControlStore _control;
    private readonly ICheckpointStore _checkpoints;
    private readonly ILakeStore _lake;
    private readonly ILogSourceFactory _sources;
    private readonly ILakeFileReader _reader;

    public LakeVerifier(IControlStore control, ICheckpointStore checkpoints, ILakeStore lake, ILogSourceFactory sources, ILakeFileReader reader)
    {
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
        _lake = lake ?? throw new ArgumentNullException(nameof(lake));
        _sources = sources ?? throw new ArgumentNullException(nameof(sources));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
    }

    /// <summary>Verifies one config, or every config when <paramref name="configId"/> is null. R402 when the named config does not exist.</summary>
    public async Task<VerificationReport> VerifyAsync(string? configId = null, bool checkSource = true, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ControlDocument> configs;
        if (configId is null)
        {
            configs = await _control.ListConfigsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var one = await _control.GetConfigAsync(configId, cancellationToken).ConfigureAwait(false)
                ?? throw new LogIngestException(ErrorCodes.NotFound, $"No config has id '{configId}' (see: logingest status).");
            configs = [one];
        }

        var findings = new List<VerificationFinding>();
        var skipped = new List<string>();
        if (!checkSource)
        {
            skipped.Add("source counts: not asked for");
        }

        // Files a table's lake folder may hold are named by the checkpoints of every config writing there.
        var checkpoints = new Dictionary<string, List<WindowCheckpoint>>(StringComparer.Ordinal);
        foreach (var document in configs)
        {
            var list = new List<WindowCheckpoint>();
            await foreach (var checkpoint in _checkpoints.ListWindowsAsync(document.Id, cancellationToken).ConfigureAwait(false))
            {
                list.Add(checkpoint);
            }

            checkpoints[document.Id] = list;
        }

        int files = 0;
        long lakeRows = 0, distinctKeys = 0;
        var tableTotals = new Dictionary<(string Prefix, string Table), (long Rows, long Keys)>();
        var rowCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in configs.GroupBy(d => (Prefix: d.Config.Lake.Prefix, d.Config.Table)))
        {
            var listed = await LakeTableFiles.ListAsync(_lake, table.Key.Prefix, table.Key.Table, cancellationToken).ConfigureAwait(false);
            files += listed.Count;
            var present = listed.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var document in table)
            {
                foreach (var checkpoint in checkpoints[document.Id])
                {
                    foreach (var file in checkpoint.Files)
                    {
                        named.Add(file);
                        if (!present.Contains(file))
                        {
                            findings.Add(new VerificationFinding(FindingKinds.MissingFile, $"Checkpoint {checkpoint.Key} of '{document.Id}' names {file}, which is not in the lake.")
                            {
                                ConfigId = document.Id,
                                Path = file,
                                Window = checkpoint.Window,
                            });
                        }
                    }
                }
            }

            foreach (var file in listed.Where(f => !named.Contains(f.Path)))
            {
                findings.Add(new VerificationFinding(FindingKinds.UncheckpointedFile, $"{file.Path} is in the lake but no checkpoint names it (an orphan of an unfinished window).")
                {
                    ConfigId = table.First().Id,
                    Path = file.Path,
                    Window = file.Name.Window,
                });
            }

            foreach (var (first, second) in LakeTableFiles.Overlaps(listed))
            {
                findings.Add(new VerificationFinding(FindingKinds.Overlap, $"{first.Path} and {second.Path} both cover instants of {first.Name.Window.Intersect(second.Name.Window)}.")
                {
                    ConfigId = table.First().Id,
                    Path = second.Path,
                    Window = first.Name.Window.Intersect(second.Name.Window),
                });
            }

            var keys = new HashSet<LakeRowKey>();
            var duplicates = new List<LakeRowKey>();
            long duplicateCount = 0;
            foreach (var file in listed)
            {
                try
                {
                    var rows = await _reader.ScanAsync(
                        _lake,
                        file.Path,
                        key =>
                        {
                            if (!keys.Add(key))
                            {
                                duplicateCount++;
                                if (duplicates.Count < MaxExamples)
                                {
                                    duplicates.Add(key);
                                }
                            }
                        },
                        cancellationToken).ConfigureAwait(false);
                    rowCounts[file.Path] = rows;
                    lakeRows += rows;
                }
                catch (Exception ex) when (ex is LogIngestException or IOException or InvalidDataException or NotSupportedException)
                {
                    findings.Add(new VerificationFinding(FindingKinds.UnreadableFile, $"{file.Path} could not be read: {ex.Message}") { ConfigId = table.First().Id, Path = file.Path, Window = file.Name.Window });
                }
            }

            distinctKeys += keys.Count;
            tableTotals[table.Key] = (listed.Sum(f => rowCounts.GetValueOrDefault(f.Path)), keys.Count);
            if (duplicateCount > 0)
            {
                findings.Add(new VerificationFinding(FindingKinds.DuplicateKeys,
                    string.Create(CultureInfo.InvariantCulture, $"{table.Key.Table} under '{table.Key.Prefix}': {duplicateCount} rows repeat a composite key already in the lake (e.g. {string.Join(", ", duplicates)})."))
                {
                    ConfigId = table.First().Id,
                    Expected = 0,
                    Actual = duplicateCount,
                });
            }
        }

        foreach (var document in configs)
        {
            foreach (var checkpoint in checkpoints[document.Id])
            {
                if (checkpoint.Files.All(rowCounts.ContainsKey))
                {
                    var inFiles = checkpoint.Files.Sum(f => rowCounts[f]);
                    if (inFiles != checkpoint.Rows)
                    {
                        findings.Add(new VerificationFinding(FindingKinds.RowCountMismatch, $"Window {checkpoint.Key} of '{document.Id}' checkpointed {checkpoint.Rows} rows; its files hold {inFiles}.")
                        {
                            ConfigId = document.Id,
                            Window = checkpoint.Window,
                            Expected = checkpoint.Rows,
                            Actual = inFiles,
                        });
                    }
                }

                if (checkSource)
                {
                    await CheckSourceAsync(document.Config, checkpoint, findings, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var reconciliations = new List<CoverageReconciliation>();
        if (checkSource)
        {
            foreach (var document in configs)
            {
                var config = document.Config;
                IReadOnlyList<Interval> coverage;
                long source;
                try
                {
                    (coverage, source) = await CountCoverageAsync(config, cancellationToken).ConfigureAwait(false);
                }
                catch (LogIngestException ex)
                {
                    findings.Add(new VerificationFinding(FindingKinds.SourceUnavailable, $"Counting the coverage of '{config.Id}' at the source failed ({ex.Code}): {ex.Message}") { ConfigId = config.Id });
                    continue;
                }

                var (lake, keys) = tableTotals[(config.Lake.Prefix, config.Table)];
                reconciliations.Add(new CoverageReconciliation(config.Id, config.Axis, coverage, source, lake, keys));
            }
        }

        return new VerificationReport
        {
            Reconciliations = reconciliations,
            Findings = findings,
            Configs = configs.Count,
            Checkpoints = checkpoints.Values.Sum(c => c.Count),
            Files = files,
            LakeRows = lakeRows,
            DistinctKeys = distinctKeys,
            Skipped = skipped,
        };
    }

    /// <summary>
    /// One config's reconciliation as <see cref="VerifyAsync"/> makes it, without the per-window checks: the
    /// source rows over its checkpointed coverage against the rows and distinct composite keys of the
    /// table's files under its prefix. Source failures surface as the source's <see cref="LogIngestException"/>.
    /// </summary>
    public async Task<CoverageReconciliation> ReconcileCoverageAsync(LoadConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (coverage, source) = await CountCoverageAsync(config, cancellationToken).ConfigureAwait(false);
        var (rows, keys, _) = await ScanTableAsync(config, cancellationToken).ConfigureAwait(false);
        return new CoverageReconciliation(config.Id, config.Axis, coverage, source, rows, keys.Count);
    }

    /// <summary>
    /// Source rows over <paramref name="span"/> on <paramref name="axis"/> (with the config's filter) against
    /// the rows and distinct composite keys of the table's files under the config's prefix.
    /// </summary>
    public async Task<Reconciliation> ReconcileAsync(LoadConfig config, TimeAxis axis, Interval span, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var source = await _sources.ForConfig(config)
            .CountAsync(new LogWindowQuery(config.Table, axis, span) { Filter = config.Filter }, cancellationToken)
            .ConfigureAwait(false);
        var (rows, keys, files) = await ScanTableAsync(config, cancellationToken).ConfigureAwait(false);
        return new Reconciliation(axis, span, source, files, rows, keys.Count);
    }

    // The config's checkpointed coverage on its axis and what the source counts over it (one query per span).
    private async Task<(IReadOnlyList<Interval> Coverage, long Source)> CountCoverageAsync(LoadConfig config, CancellationToken cancellationToken)
    {
        var coverage = (await _checkpoints.GetCoverageAsync(config.Id, config.Axis, cancellationToken).ConfigureAwait(false)).Intervals;
        long source = 0;
        foreach (var span in coverage)
        {
            source += await _sources.ForConfig(config)
                .CountAsync(new LogWindowQuery(config.Table, config.Axis, span) { Filter = config.Filter }, cancellationToken)
                .ConfigureAwait(false);
        }

        return (coverage, source);
    }

    // Rows and distinct composite keys of every file of the config's table under its prefix.
    private async Task<(long Rows, HashSet<LakeRowKey> Keys, int Files)> ScanTableAsync(LoadConfig config, CancellationToken cancellationToken)
    {
        var listed = await LakeTableFiles.ListAsync(_lake, config.Lake.Prefix, config.Table, cancellationToken).ConfigureAwait(false);
        long rows = 0;
        var keys = new HashSet<LakeRowKey>();
        foreach (var file in listed)
        {
            try
            {
                rows += await _reader.ScanAsync(_lake, file.Path, key => keys.Add(key), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                // verify reports such a file as a finding; a reconciliation cannot count without it.
                throw new LogIngestException(ErrorCodes.Schema, $"The lake cannot be reconciled: {ex.Message} (logingest verify --config {config.Id} lists every such file with the command that fixes it)", ex);
            }
        }

        return (rows, keys, listed.Count);
    }

    private async Task CheckSourceAsync(LoadConfig config, WindowCheckpoint checkpoint, List<VerificationFinding> findings, CancellationToken cancellationToken)
    {
        long now;
        try
        {
            now = await new CountWindowActivity(_sources)
                .RunAsync(new CountWindowInput(config, checkpoint.Axis, checkpoint.Window, checkpoint.Split), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (LogIngestException ex)
        {
            findings.Add(new VerificationFinding(FindingKinds.SourceUnavailable, $"Counting window {checkpoint.Key} of '{config.Id}' at the source failed ({ex.Code}): {ex.Message}")
            {
                ConfigId = config.Id,
                Window = checkpoint.Window,
            });
            return;
        }

        if (now != checkpoint.Rows)
        {
            findings.Add(new VerificationFinding(FindingKinds.SourceCountMismatch,
                string.Create(CultureInfo.InvariantCulture, $"Window {checkpoint.Key} of '{config.Id}' wrote {checkpoint.Rows} rows; the source now counts {now} (late rows on TimeGenerated, or retention)."))
            {
                ConfigId = config.Id,
                Window = checkpoint.Window,
                Expected = now,
                Actual = checkpoint.Rows,
            });
        }
    }
}
