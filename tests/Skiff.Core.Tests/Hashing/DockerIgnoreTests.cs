using Skiff.Core.Hashing;

namespace Skiff.Core.Tests.Hashing;

public class DockerIgnoreTests
{
    [Theory]
    [InlineData("node_modules", "node_modules", true)]
    [InlineData("node_modules", "node_modules/a/b.js", true)]
    [InlineData("node_modules", "src/node_modules", false)]
    [InlineData("**/node_modules", "src/node_modules/x", true)]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/README.md", false)]
    [InlineData("**/*.md", "docs/README.md", true)]
    [InlineData("/build", "build/out.o", true)]
    [InlineData("te?t", "test", true)]
    [InlineData("te?t", "text/a", true)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    [InlineData("./tmp", "tmp", true)]
    public void Matches_like_the_engine(string pattern, string path, bool ignored) =>
        Assert.Equal(ignored, DockerIgnore.Parse(pattern).IsIgnored(path));

    [Fact]
    public void Last_matching_rule_wins_and_exceptions_reinclude()
    {
        var rules = DockerIgnore.Parse("# comment\n*.md\n!README.md\n\nlogs/\n");
        Assert.True(rules.IsIgnored("CHANGES.md"));
        Assert.False(rules.IsIgnored("README.md"));
        Assert.True(rules.IsIgnored("logs/today.log"));
        Assert.False(rules.IsIgnored("src/app.py"));
    }
}
