using Skiff.Core.Api;
using Skiff.Server.GitHub;
using Skiff.Tests.Shared;
using State = Skiff.Server.GitHub.PullRequestEnvironmentState;

namespace Skiff.Server.Tests.GitHub;

/// <summary>
/// The comment's Markdown, compared with the files in golden/. After a deliberate change of the
/// format, run with SKIFF_UPDATE_GOLDEN=1 to rewrite them, and read the diff.
/// </summary>
public sealed class CommentRendererTests
{
    private const string Sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 34, 56, TimeSpan.Zero);

    public static TheoryData<string> Cases => new(Feedbacks.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_the_golden_file(string name)
    {
        var markdown = CommentRenderer.Render(Feedbacks[name], At);

        var path = Path.Combine(RepositoryPaths.Root, "tests", "Skiff.Server.Tests", "GitHub", "golden", name + ".md");
        if (Environment.GetEnvironmentVariable("SKIFF_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, markdown);
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), markdown);
    }

    [Fact]
    public void The_marker_comes_first_and_the_footer_last()
    {
        var markdown = CommentRenderer.Render(Feedbacks["ready"], At);

        Assert.StartsWith("<!-- skiff:environment shop-pr-7 -->\n", markdown);
        Assert.EndsWith("\n<sub>updated 2025-03-01 12:34:56 UTC</sub>\n", markdown);
        Assert.Equal(CommentRenderer.RenderContent(Feedbacks["ready"]) + CommentRenderer.Footer(At), markdown);
    }

    [Fact]
    public void Backticks_in_log_lines_cannot_close_the_fence()
    {
        var feedback = Feedbacks["failed"];
        var markdown = CommentRenderer.Render(feedback, At);

        // The log contains a line of five backticks, so the fence is six long.
        Assert.Contains("``````text\n", markdown);
        var logBlock = markdown[markdown.IndexOf("<details>", StringComparison.Ordinal)..];
        var fences = logBlock.Split('\n').Where(l => l.StartsWith("``````", StringComparison.Ordinal)).ToList();
        Assert.Equal(["``````text", "``````"], fences);
    }

    [Fact]
    public void Only_the_last_thirty_log_lines_are_shown_each_cut_to_a_sane_length()
    {
        var markdown = CommentRenderer.Render(Feedbacks["failed"], At);
        var lines = markdown.Split('\n');

        Assert.DoesNotContain("log line 9 ", markdown);
        Assert.Contains("log line 10 ", markdown);
        Assert.Contains("<summary>Last 30 log lines of api</summary>", markdown);
        Assert.All(lines, line => Assert.True(line.Length <= CommentRenderer.MaxLogLineLength + 10, line));
        Assert.DoesNotContain('\u001b', markdown);
    }

    [Fact]
    public void A_commit_on_GitHub_Enterprise_links_to_the_host_without_api_v3()
    {
        var feedback = Feedbacks["queued"] with
        {
            Repository = new GitHubRepositoryAccess("octo-org", "shop", new Uri("https://ghe.example.com/api/v3/"), new TokenCredentials("t")),
        };

        Assert.Contains($"[`9fceb02`](https://ghe.example.com/octo-org/shop/commit/{Sha})", CommentRenderer.RenderContent(feedback));
    }

    [Fact]
    public void A_url_that_is_not_http_is_shown_as_code_not_linked()
    {
        var feedback = Feedbacks["ready"] with { Url = "javascript:alert(1)" };

        var markdown = CommentRenderer.RenderContent(feedback);

        Assert.Contains("- **URL:** `javascript:alert(1)`", markdown);
        Assert.DoesNotContain("](javascript", markdown);
    }

    [Theory]
    [InlineData(0, "0 ms")]
    [InlineData(850, "850 ms")]
    [InlineData(1000, "1.0 s")]
    [InlineData(14550, "14.6 s")]
    [InlineData(125_000, "2 min 5 s")]
    public void Durations_read_naturally(long milliseconds, string expected) =>
        Assert.Equal(expected, CommentRenderer.Duration(milliseconds));

    private static readonly GitHubRepositoryAccess Repository = new("octo-org", "shop", new Uri("https://api.github.com/"), new TokenCredentials("ghp_never_shown"));

    private static PullRequestFeedback Base(State state) => new()
    {
        Repository = Repository,
        PullRequest = 7,
        Environment = "shop-pr-7",
        Sha = Sha,
        State = state,
    };

    private static readonly Dictionary<string, PullRequestFeedback> Feedbacks = new()
    {
        ["queued"] = Base(State.Queued),
        ["deploying"] = Base(State.Deploying) with
        {
            Details = ["Queue position: 2", "Expires in 2 days unless extended (skiff extend shop-pr-7 1d)"],
        },
        ["ready"] = Base(State.Ready) with
        {
            Url = "http://shop-pr-7.localhost:7070/",
            Timings = new TimingsDto(1200, 10500, 2000, 850, 14550),
            Details = ["Cost so far: $0.12"],
        },
        ["failed"] = Base(State.Failed) with
        {
            Url = "http://shop-pr-7.localhost:7070/",
            Timings = new TimingsDto(900, 31000, 0, 0, 31900),
            Error = new ErrorDto(
                "api",
                "container exited with code 1\nsee the log below; ``` is not a fence here",
                [
                    .. Enumerable.Range(1, 36).Select(i => $"log line {i} \u001b[31mred\u001b[0m"),
                    "`````",
                    "a very long line " + new string('x', 400),
                    "ends with a newline\n",
                ]),
        },
        ["failed-without-reason"] = Base(State.Failed),
        ["removed"] = Base(State.Removed) with { Timings = new TimingsDto(1, 2, 3, 4, 10) },
        ["not-deployed"] = Base(State.NotDeployed) with
        {
            Note = "Pull requests from forks are not deployed. A maintainer can add the label `skiff:deploy` to allow **this** one <script>alert(1)</script> [click](http://evil.example)",
        },
    };
}
