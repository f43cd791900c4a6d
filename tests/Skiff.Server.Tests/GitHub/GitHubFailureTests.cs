using System.Net;
using Octokit;
using Skiff.Server.GitHub;

namespace Skiff.Server.Tests.GitHub;

/// <summary>Which answers are retried, and after how long.</summary>
public sealed class GitHubFailureTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_403_naming_a_secondary_rate_limit_without_Retry_After_waits_the_configured_minimum()
    {
        var failure = Classify(403, """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""");

        Assert.True(failure.Retriable);
        Assert.True(failure.SecondaryRateLimit);
        Assert.Null(failure.RetryAfter);
    }

    [Fact]
    public void Retry_After_in_seconds_or_as_a_date_is_the_wait()
    {
        Assert.Equal(TimeSpan.FromSeconds(42), Classify(403, """{"message":"slow down"}""", ("Retry-After", "42")).RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(90), Classify(429, """{"message":"slow down"}""", ("retry-after", Now.AddSeconds(90).ToString("R"))).RetryAfter);
    }

    [Fact]
    public void An_exhausted_primary_limit_waits_until_a_second_after_its_reset()
    {
        var failure = Classify(403, """{"message":"API rate limit exceeded for installation ID 1."}""",
            ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Now.AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(failure.Retriable);
        Assert.Equal(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1), failure.RetryAfter);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    [InlineData(401, false)]
    public void Server_errors_are_retried_and_other_refusals_are_not(int status, bool retriable)
    {
        var failure = Classify(status, """{"message":"whatever"}""");

        Assert.Equal(retriable, failure.Retriable);
        Assert.Equal($"{status} whatever", failure.Description);
    }

    [Fact]
    public void Network_errors_and_timeouts_are_retried()
    {
        Assert.True(GitHubFailure.Classify(new HttpRequestException("Connection refused (127.0.0.1:1)"), Now).Retriable);
        Assert.True(GitHubFailure.Classify(new TaskCanceledException("timeout"), Now).Retriable);
        Assert.False(GitHubFailure.Classify(new InvalidOperationException("bug"), Now).Retriable);
    }

    [Fact]
    public void A_long_error_page_is_cut_to_one_short_line()
    {
        var failure = Classify(502, "<html>\n<body>\n" + new string('x', 1000) + "</body></html>");

        Assert.True(failure.Retriable);
        Assert.DoesNotContain('\n', failure.Description);
        Assert.True(failure.Description.Length <= 200);
    }

    private static GitHubFailure Classify(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new RecordedResponse((HttpStatusCode)status, body, headers.ToDictionary(h => h.Name, h => h.Value));
        return GitHubFailure.Classify(new ApiException(response), Now);
    }

    private sealed record RecordedResponse(HttpStatusCode StatusCode, object Body, IReadOnlyDictionary<string, string> Headers) : IResponse
    {
        public ApiInfo ApiInfo => new(new Dictionary<string, Uri>(), [], [], "", new RateLimit(), TimeSpan.Zero);

        public string ContentType => "application/json";
    }
}
