using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Lifetimes;

namespace Skiff.Core.Tests.Lifetimes;

public class ExtensionTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero));
    private static readonly LifetimeSettings Settings = new() { MaxTtl = TimeSpan.FromDays(14) };

    [Fact]
    public void Extends_from_now()
    {
        var result = Extension.Parse("2d", Settings, Time);

        Assert.True(result.Accepted);
        Assert.Equal(Time.GetUtcNow().AddDays(2), result.ExtendedUntil);
        Assert.Equal("extended by 2d, until 2026-12-03 09:30 UTC", result.Reason);
    }

    [Fact]
    public void The_extension_then_holds_the_ttl_off()
    {
        var deployed = Time.GetUtcNow().AddDays(-3);
        var extension = Extension.Parse("12h", Settings, Time);
        var verdict = TtlPolicy.Evaluate(Time.GetUtcNow().AddHours(11), deployed, null, extension.ExtendedUntil, TimeSpan.FromDays(3), TimeSpan.FromHours(2));

        Assert.Equal(TtlState.Warn, verdict.State);
        Assert.Equal(TimeSpan.FromHours(1), verdict.Remaining);
    }

    [Fact]
    public void Up_to_the_maximum_is_allowed_beyond_it_is_refused()
    {
        Assert.True(Extension.Parse("14d", Settings, Time).Accepted);
        Assert.True(Extension.Parse("2w", Settings, Time).Accepted);

        var refused = Extension.Parse("15d", Settings, Time);
        Assert.False(refused.Accepted);
        Assert.Null(refused.ExtendedUntil);
        Assert.Equal("15d is longer than this server allows; the maximum is 14d", refused.Reason);
    }

    [Fact]
    public void Beyond_the_maximum_and_never_need_allow_never()
    {
        var allowing = Settings with { AllowNever = true };
        Assert.Equal(Time.GetUtcNow().AddDays(30), Extension.Parse("30d", allowing, Time).ExtendedUntil);

        var forever = Extension.Parse("never", allowing, Time);
        Assert.True(forever.Accepted);
        Assert.Equal(Extension.Forever, forever.ExtendedUntil);

        var refused = Extension.Parse("never", Settings, Time);
        Assert.False(refused.Accepted);
        Assert.Equal("never is not allowed on this server (allowNever: false); the maximum is 14d", refused.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-2d")]
    [InlineData("2 days")]
    public void Bad_durations_are_refused_with_the_expected_form(string text)
    {
        var result = Extension.Parse(text, Settings, Time);
        Assert.False(result.Accepted);
        Assert.StartsWith("expected a duration such as 2d or 12h, or never", result.Reason);
    }

    [Fact]
    public void Zero_is_refused()
    {
        Assert.Equal("expected a duration longer than 0, got '0s'", Extension.Parse("0s", Settings, Time).Reason);
    }
}
