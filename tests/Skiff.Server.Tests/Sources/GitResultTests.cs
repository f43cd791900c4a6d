using Skiff.Server.Sources;

namespace Skiff.Server.Tests.Sources;

public sealed class GitResultTests
{
    [Fact]
    public void The_summary_is_the_last_distinct_lines_without_prefixes_hints_or_repeats()
    {
        var result = new GitResult(128, "", [
            "hint: try this",
            "warning: redirecting to https://example.com/",
            "fatal: remote error: upload-pack: not our ref 0123",
            "fatal: git upload-pack: not our ref 0123",
            "hint: and that",
            "",
        ]);

        Assert.Equal("redirecting to https://example.com/; git upload-pack: not our ref 0123", result.Summary);
    }

    [Fact]
    public void Without_stderr_the_summary_is_the_exit_code() =>
        Assert.Equal("git exited with code 1", new GitResult(1, "", []).Summary);

    [Fact]
    public void A_long_summary_is_cut() =>
        Assert.Equal(401, new GitResult(1, "", [new string('x', 900)]).Summary.Length);

    [Theory]
    [InlineData("Authentication failed for 'https://x-access-token:ghs_abc@github.com/a/b/'", "ghs_abc", "Authentication failed for 'https://***@github.com/a/b/'")]
    [InlineData("token ghs_abc appears twice: ghs_abc", "ghs_abc", "token *** appears twice: ***")]
    [InlineData("from http://user@127.0.0.1:80/x and file:///tmp/a@b", null, "from http://***@127.0.0.1:80/x and file:///tmp/a@b")]
    public void The_scrubber_masks_tokens_and_url_credentials(string text, string? token, string expected) =>
        Assert.Equal(expected, SecretScrubber.Scrub(text, token));
}
