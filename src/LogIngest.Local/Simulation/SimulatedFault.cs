namespace LogIngest.Local.Simulation;

/// <summary>A failure the simulated server can answer a query with.</summary>
public enum SimulatedFault
{
    None,

    /// <summary>429 with <c>Retry-After</c>.</summary>
    Throttle,

    /// <summary>503 with <c>Retry-After</c>.</summary>
    Unavailable,

    /// <summary>504 gateway timeout.</summary>
    GatewayTimeout,

    /// <summary>200 with half the rows and <c>error.code = PartialError</c>.</summary>
    PartialError,

    /// <summary>The connection is dropped part-way through the rows.</summary>
    ConnectionReset,

    /// <summary>All rows, but sent slowly: a pause of <see cref="SimulatedServerOptions.SlowBodyPause"/> after each flushed chunk.</summary>
    SlowBody,
    /// <summary>400 <c>BadArgumentError</c>: the service rejects the query (not retryable), as it does a query over its resource limits.</summary>
    BadRequest,
}
