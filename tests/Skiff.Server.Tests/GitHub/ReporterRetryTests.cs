using Microsoft.Extensions.Time.Testing;
using Skiff.Server.GitHub;
using Skiff.Tests.Shared;
using State = Skiff.Server.GitHub.PullRequestEnvironmentState;

namespace Skiff.Server.Tests.GitHub;

/// <summary>5xx and rate limits are retried (as long as GitHub asks); other refusals are given up and recorded.</summary>
public sealed class ReporterRetryTests
{
    [Fact]
    public async Task Two_502s_then_success_is_delivered_without_a_duplicate_deployment()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.BadGateway, 2, PathContains: "/deployments", Method: "POST"));

        h.Reporter.Report(h.Feedback(State.Ready, ReporterHarness.Sha(30)));
        await h.FlushAsync();

        Assert.Equal(2, h.Fake.Requests.Count(r => r.Status == 502));
        var deployment = Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(["success"], h.Fake.State.Statuses(deployment.Id).Select(s => s.State));
        Assert.Single(h.Fake.State.Comments("octo-org/shop", 7));
        Assert.Empty(h.Reporter.LastErrors);
        Assert.Equal(2, h.Log.Lines.Count(l => l.Contains("create deployment failed (502", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_secondary_rate_limit_waits_for_Retry_After_then_succeeds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var h = await ReporterHarness.StartAsync(ReporterHarness.QuickOptions with { MaxRetryDuration = TimeSpan.FromMinutes(5) }, time);
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.SecondaryRateLimit, 1, PathContains: "/issues/7/comments", Method: "POST", RetryAfterSeconds: 30));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(31)));
        await WaitForRetryAsync(h);

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.Empty(h.Fake.State.Comments("octo-org/shop", 7));

        time.Advance(TimeSpan.FromSeconds(2));
        await h.FlushAsync();
        Assert.Single(h.Fake.State.Comments("octo-org/shop", 7));
        Assert.Empty(h.Reporter.LastErrors);
        Assert.Contains(h.Log.Lines, l => l.Contains("next in 30000 ms", StringComparison.Ordinal) && l.Contains("secondary rate limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.TooManyRequests, 1, PathContains: "/statuses", RetryAfterSeconds: 1));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(37)));
        await h.FlushAsync();

        var deployment = Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(["queued"], h.Fake.State.Statuses(deployment.Id).Select(s => s.State));
        var statusPosts = h.Fake.RequestsTo("POST", $"/repos/octo-org/shop/deployments/{deployment.Id}/statuses");
        Assert.Equal([429, 201], statusPosts.Select(r => r.Status));
        Assert.True(statusPosts[1].At - statusPosts[0].At >= TimeSpan.FromSeconds(0.9));
        Assert.Empty(h.Reporter.LastErrors);
    }

    [Fact]
    public async Task An_exhausted_primary_rate_limit_waits_until_its_reset()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var h = await ReporterHarness.StartAsync(ReporterHarness.QuickOptions with { MaxRetryDuration = TimeSpan.FromMinutes(5) }, time);
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.PrimaryRateLimit, 1, Method: "GET", RetryAfterSeconds: 60));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(32)));
        await WaitForRetryAsync(h);

        time.Advance(TimeSpan.FromSeconds(55));
        await Task.Delay(200);
        Assert.Empty(h.Fake.State.Deployments("octo-org/shop"));

        time.Advance(TimeSpan.FromSeconds(7));
        await h.FlushAsync();
        Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
        Assert.Empty(h.Reporter.LastErrors);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_retry_budget_is_given_up_at_once()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.SecondaryRateLimit, 1, Method: "GET", PathContains: "/deployments", RetryAfterSeconds: 3600));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(33)));
        await h.FlushAsync();

        Assert.Contains("find deployment: 403 You have exceeded a secondary rate limit", h.Reporter.LastErrors["octo-org/shop#7"]);
        Assert.Single(h.Fake.State.Comments("octo-org/shop", 7));
    }

    [Fact]
    public async Task A_422_is_given_up_recorded_and_the_comment_still_written()
    {
        await using var h = await ReporterHarness.StartAsync();
        var failures = new List<GitHubDeliveryFailure>();
        h.Reporter.DeliveryFailed += failures.Add;
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.Unprocessable, 1, PathContains: "/deployments", Method: "POST"));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(34)));
        await h.FlushAsync();

        Assert.Equal(1, h.Fake.Requests.Count(r => r.Status == 422));
        Assert.Equal("create deployment: 422 Validation Failed", h.Reporter.LastErrors["octo-org/shop#7"]);
        var failure = Assert.Single(failures);
        Assert.Equal("octo-org/shop#7", failure.PullRequest);
        Assert.Equal("shop-pr-7", failure.Environment);
        Assert.Equal(State.Queued, failure.State);
        Assert.Single(h.Fake.State.Comments("octo-org/shop", 7));
        var warning = Assert.Single(h.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("given up: create deployment: 422 Validation Failed", warning);
        Assert.DoesNotContain('\n', warning);

        // The next state that gets through clears the record.
        h.Reporter.Report(h.Feedback(State.Deploying, ReporterHarness.Sha(34)));
        await h.FlushAsync();
        Assert.Empty(h.Reporter.LastErrors);
        Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
    }

    [Fact]
    public async Task Repeated_502s_beyond_the_attempt_bound_are_given_up()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.BadGateway, FakeGitHubFailure.Forever, PathContains: "/issues/"));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(35)));
        await h.FlushAsync();

        Assert.Equal(ReporterHarness.QuickOptions.MaxAttempts, h.Fake.Requests.Count(r => r.Status == 502));
        Assert.Equal("list comments: 502 Server Error (gave up after 5 attempts)", h.Reporter.LastErrors["octo-org/shop#7"]);
        Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
    }

    [Fact]
    public async Task Refused_credentials_are_given_up_and_the_token_appears_in_no_log_or_error()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.AcceptToken("ghp_someoneelsestoken");

        h.Reporter.Report(h.Feedback(State.Failed, ReporterHarness.Sha(36)));
        await h.FlushAsync();

        Assert.All(h.Fake.Requests, r => Assert.Equal(401, r.Status));
        Assert.Contains("401 Bad credentials", h.Reporter.LastErrors["octo-org/shop#7"]);
        Assert.DoesNotContain(ReporterHarness.Token, h.Log.All);
        Assert.DoesNotContain(ReporterHarness.Token, string.Join('\n', h.Reporter.LastErrors.Values));
    }

    /// <summary>Waits (in real time) until the reporter logged a retry and is in its wait.</summary>
    private static async Task WaitForRetryAsync(ReporterHarness h)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!h.Log.Lines.Any(l => l.Contains("next in", StringComparison.Ordinal)))
            await Task.Delay(10, timeout.Token);
        await Task.Delay(100, timeout.Token);
    }
}
