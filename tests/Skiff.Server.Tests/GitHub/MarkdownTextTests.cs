using Skiff.Server.GitHub;

namespace Skiff.Server.Tests.GitHub;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("plain words.", "plain words.")]
    [InlineData("*bold* _it_ [a](b) <b>", @"\*bold\* \_it\_ \[a\](b) \<b\>")]
    [InlineData("- not a list", @"\- not a list")]
    [InlineData("1. not a list", @"1\. not a list")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("a | b ~~c~~ &amp;", @"a \| b \~\~c\~\~ \&amp;")]
    public void Escape_keeps_text_from_formatting(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    [Theory]
    [InlineData("api", "`api`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x`", "`` `x` ``")]
    public void InlineCode_uses_a_longer_backtick_run_than_the_text(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.InlineCode(text));

    [Fact]
    public void A_fence_is_longer_than_any_backtick_run_inside()
    {
        var block = MarkdownText.FencedBlock(["```", "````` and more", "tail"], 200);

        Assert.Equal("``````text\n```\n````` and more\ntail\n``````\n", block);
    }

    [Fact]
    public void A_fence_is_three_backticks_without_any_inside_and_control_characters_go()
    {
        var block = MarkdownText.FencedBlock(["\u001b[1;32mgreen\u001b[0m\tand tab\u0007"], 200);

        Assert.Equal("```text\ngreen    and tab\n```\n", block);
    }

    [Theory]
    [InlineData("http://x.localhost:7070/a(b)", "[http://x.localhost:7070/a(b)](http://x.localhost:7070/a%28b%29)")]
    [InlineData("ftp://x/", "`ftp://x/`")]
    public void Links_only_go_to_http_addresses(string url, string expected) =>
        Assert.Equal(expected, MarkdownText.Link(url, url));
}
