using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class ShellWordsTests
{
    [Theory]
    [InlineData("npm run start", new[] { "npm", "run", "start" })]
    [InlineData("  spaced   out  ", new[] { "spaced", "out" })]
    [InlineData("sh -c 'echo $HOME && ls'", new[] { "sh", "-c", "echo $HOME && ls" })]
    [InlineData("/bin/ash -c \"rm -rf /tmp/might-not-exist\"", new[] { "/bin/ash", "-c", "rm -rf /tmp/might-not-exist" })]
    [InlineData("echo \"a \\\"quoted\\\" word\"", new[] { "echo", "a \"quoted\" word" })]
    [InlineData("one\\ word", new[] { "one word" })]
    [InlineData("mixed'single'\"double\"", new[] { "mixedsingledouble" })]
    [InlineData("empty '' arg", new[] { "empty", "", "arg" })]
    [InlineData("", new string[0])]
    public void Splits_like_a_shell(string text, string[] expected)
    {
        var words = ShellWords.Split(text, out var error);
        Assert.Null(error);
        Assert.Equal(expected, words!.Value.ToArray());
    }

    [Theory]
    [InlineData("echo 'open", "a ' quote is never closed")]
    [InlineData("echo \"open", "a \" quote is never closed")]
    public void Reports_unclosed_quotes(string text, string expected)
    {
        Assert.Null(ShellWords.Split(text, out var error));
        Assert.Equal(expected, error);
    }
}
