using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Lifetimes;

namespace Skiff.Core.Tests.Lifetimes;

public class TtlPolicyTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(3);
    private static readonly TimeSpan Lead = TimeSpan.FromHours(2);

    [Fact]
    public void Counts_from_the_last_deploy_not_from_creation()
    {
        var time = new FakeTimeProvider(Created);
        var redeployed = Created.AddDays(2);
        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(1)); // past created + ttl

        var verdict = TtlPolicy.Evaluate(time.GetUtcNow(), redeployed, null, null, Ttl, Lead);

        Assert.Equal(TtlState.Alive, verdict.State);
        Assert.Equal(redeployed + Ttl, verdict.ExpiresAt);
        Assert.Equal(TimeSpan.FromDays(2) - TimeSpan.FromHours(1), verdict.Remaining);
    }

    [Fact]
    public void Counts_from_the_last_request_when_it_is_later_than_the_deploy()
    {
        var time = new FakeTimeProvider(Created);
        time.Advance(TimeSpan.FromDays(1));
        var lastRequest = time.GetUtcNow();
        time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));

        var alive = TtlPolicy.Evaluate(time.GetUtcNow(), Created, lastRequest, null, Ttl, Lead);
        Assert.Equal(TtlState.Warn, alive.State);
        Assert.Equal(TimeSpan.FromMinutes(1), alive.Remaining);

        // A request older than the deploy does not count.
        var older = TtlPolicy.Evaluate(time.GetUtcNow(), Created, Created.AddHours(-5), null, Ttl, Lead);
        Assert.Equal(TtlState.Expired, older.State);
        Assert.Equal(Created + Ttl, older.ExpiresAt);
    }

    [Fact]
    public void Warns_within_the_lead_and_expires_at_the_exact_moment()
    {
        var time = new FakeTimeProvider(Created);
        TtlState At() => TtlPolicy.Evaluate(time.GetUtcNow(), Created, null, null, Ttl, Lead).State;

        time.Advance(Ttl - Lead - TimeSpan.FromSeconds(1));
        Assert.Equal(TtlState.Alive, At());
        time.Advance(TimeSpan.FromSeconds(1)); // remaining == lead
        Assert.Equal(TtlState.Warn, At());
        time.Advance(Lead - TimeSpan.FromSeconds(1));
        Assert.Equal(TtlState.Warn, At());
        time.Advance(TimeSpan.FromSeconds(1)); // remaining == 0
        Assert.Equal(TtlState.Expired, At());

        time.Advance(TimeSpan.FromDays(1));
        var late = TtlPolicy.Evaluate(time.GetUtcNow(), Created, null, null, Ttl, Lead);
        Assert.Equal(TimeSpan.Zero, late.Remaining);
        Assert.Equal(Created + Ttl, late.ExpiresAt);
    }

    [Fact]
    public void An_extension_keeps_it_alive_until_then_but_never_shortens_it()
    {
        var time = new FakeTimeProvider(Created + Ttl + TimeSpan.FromHours(1));
        var extended = Created.AddDays(5);

        var verdict = TtlPolicy.Evaluate(time.GetUtcNow(), Created, null, extended, Ttl, Lead);
        Assert.Equal(TtlState.Alive, verdict.State);
        Assert.Equal(extended, verdict.ExpiresAt);

        var shorter = TtlPolicy.Evaluate(Created.AddHours(1), Created, null, Created.AddHours(2), Ttl, Lead);
        Assert.Equal(Created + Ttl, shorter.ExpiresAt);
    }

    [Fact]
    public void No_ttl_or_an_extension_for_ever_never_expires()
    {
        var far = Created.AddYears(5);
        Assert.Equal(TtlVerdict.Never, TtlPolicy.Evaluate(far, Created, null, null, null, Lead));
        Assert.Equal(TtlVerdict.Never, TtlPolicy.Evaluate(far, Created, null, null, TimeSpan.MaxValue, Lead));
        Assert.Equal(TtlVerdict.Never, TtlPolicy.Evaluate(far, Created, null, Extension.Forever, Ttl, Lead));
    }
}
