using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Lifetimes;

namespace Skiff.Core.Tests.Lifetimes;

public class IdlePolicyTests
{
    private static readonly DateTimeOffset Deployed = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    [Fact]
    public void Suspends_at_exactly_the_idle_period_and_not_a_tick_before()
    {
        var time = new FakeTimeProvider(Deployed);
        time.Advance(Idle - TimeSpan.FromTicks(1));
        Assert.Equal(new IdleVerdict(false, Idle - TimeSpan.FromTicks(1)), IdlePolicy.ShouldSuspend(time.GetUtcNow(), Deployed, null, Idle));

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new IdleVerdict(true, Idle), IdlePolicy.ShouldSuspend(time.GetUtcNow(), Deployed, null, Idle));
    }

    [Fact]
    public void A_request_restarts_the_idle_clock()
    {
        var time = new FakeTimeProvider(Deployed);
        time.Advance(TimeSpan.FromMinutes(25));
        var request = time.GetUtcNow();
        time.Advance(TimeSpan.FromMinutes(25)); // 50 min after deploy, 25 after the request

        var verdict = IdlePolicy.ShouldSuspend(time.GetUtcNow(), Deployed, request, Idle);
        Assert.False(verdict.Suspend);
        Assert.Equal(TimeSpan.FromMinutes(25), verdict.IdleFor);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(IdlePolicy.ShouldSuspend(time.GetUtcNow(), Deployed, request, Idle).Suspend);
    }

    [Fact]
    public void A_deploy_after_the_last_request_restarts_it_too()
    {
        var time = new FakeTimeProvider(Deployed.AddHours(3));
        var verdict = IdlePolicy.ShouldSuspend(time.GetUtcNow(), Deployed.AddHours(3).AddMinutes(-10), Deployed, Idle);
        Assert.Equal(new IdleVerdict(false, TimeSpan.FromMinutes(10)), verdict);
    }

    [Fact]
    public void Never_means_never_suspended_but_idle_time_is_still_reported()
    {
        var now = Deployed.AddDays(2);
        Assert.Equal(new IdleVerdict(false, TimeSpan.FromDays(2)), IdlePolicy.ShouldSuspend(now, Deployed, null, null));
        Assert.False(IdlePolicy.ShouldSuspend(now, Deployed, null, TimeSpan.MaxValue).Suspend);
    }

    [Fact]
    public void A_clock_behind_the_last_request_counts_as_not_idle()
    {
        var verdict = IdlePolicy.ShouldSuspend(Deployed, Deployed, Deployed.AddMinutes(1), TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, verdict.IdleFor);
        Assert.True(verdict.Suspend); // idle 0 suspends at once
    }
}
