namespace LogIngest.Core.Workflows;

/// <summary>
/// One tier-3 activity: a small input record in, a small output record out. Activities do the I/O;
/// they throw <see cref="Observability.LogIngestException"/> for classified failures, and the host
/// turns that into an <see cref="ActivityOutcome{T}"/> through <see cref="ActivityInvoker"/>.
/// </summary>
public interface IActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken = default);
}
