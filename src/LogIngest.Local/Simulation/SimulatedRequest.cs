namespace LogIngest.Local.Simulation;

/// <summary>One query the simulated server received: when, the fault drawn for it and the status it answered (499: the client went away).</summary>
public sealed class SimulatedRequest(long number, DateTimeOffset receivedAt, SimulatedFault fault)
{
    public long Number { get; } = number;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public SimulatedFault Fault { get; } = fault;

    public int Status { get; internal set; }
}
