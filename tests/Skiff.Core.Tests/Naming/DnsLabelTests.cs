using Skiff.Core.Naming;

namespace Skiff.Core.Tests.Naming;

public class DnsLabelTests
{
    [Theory]
    [InlineData("shop")]
    [InlineData("shop-pr-7")]
    [InlineData("a")]
    [InlineData("0web")]
    public void Accepts_labels(string name) => Assert.True(DnsLabel.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData("Shop")]
    [InlineData("-shop")]
    [InlineData("shop-")]
    [InlineData("shop_db")]
    [InlineData("shop.pr")]
    public void Rejects_what_cannot_be_a_host_name(string name)
    {
        Assert.False(DnsLabel.IsValid(name));
        Assert.NotNull(DnsLabel.Explain(name));
    }

    [Fact]
    public void Rejects_more_than_63_characters()
    {
        var name = new string('a', 64);
        Assert.False(DnsLabel.IsValid(name));
        Assert.Contains("64 characters", DnsLabel.Explain(name));
    }

    [Theory]
    [InlineData("My_App", "my-app")]
    [InlineData("awesome--compose__", "awesome-compose")]
    [InlineData("___", "app")]
    public void Sanitizes_any_text(string text, string expected) => Assert.Equal(expected, DnsLabel.Sanitize(text));
}
