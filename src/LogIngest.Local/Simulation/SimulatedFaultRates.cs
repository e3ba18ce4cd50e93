namespace LogIngest.Local.Simulation;

/// <summary>Per-query probabilities of each fault (their sum at most 1), drawn from a seeded sequence.</summary>
public sealed class SimulatedFaultRates
{
    public double Throttle { get; set; }

    public double Unavailable { get; set; }

    public double GatewayTimeout { get; set; }

    public double PartialError { get; set; }

    public double ConnectionReset { get; set; }

    public double SlowBody { get; set; }

    internal double Total => Throttle + Unavailable + GatewayTimeout + PartialError + ConnectionReset + SlowBody;

    internal SimulatedFault Pick(double u)
    {
        foreach (var (fault, rate) in new[]
                 {
                     (SimulatedFault.Throttle, Throttle), (SimulatedFault.Unavailable, Unavailable),
                     (SimulatedFault.GatewayTimeout, GatewayTimeout), (SimulatedFault.PartialError, PartialError),
                     (SimulatedFault.ConnectionReset, ConnectionReset), (SimulatedFault.SlowBody, SlowBody),
                 })
        {
            if (u < rate)
            {
                return fault;
            }

            u -= rate;
        }

        return SimulatedFault.None;
    }
}
