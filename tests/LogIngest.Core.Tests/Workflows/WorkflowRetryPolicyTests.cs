using LogIngest.Core.Workflows;

namespace LogIngest.Core.Tests.Workflows;

public class WorkflowRetryPolicyTests
{
    [Fact]
    public void DelayBefore_DefaultPolicy_FollowsTheDesignBackoff()
    {
        var policy = WorkflowRetryPolicy.Default;

        var delays = Enumerable.Range(1, policy.MaxRetries).Select(r => policy.DelayBefore(r).TotalSeconds);

        Assert.Equal([2.0, 4, 8, 16, 32], delays);
    }

    [Fact]
    public void DelayBefore_RetryAfterLongerThanBackoff_WaitsForRetryAfter()
    {
        var policy = WorkflowRetryPolicy.Default;

        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayBefore(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.DelayBefore(2, TimeSpan.FromSeconds(1)));
    }
}
