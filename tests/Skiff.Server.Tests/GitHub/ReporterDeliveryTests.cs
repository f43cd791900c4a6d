using Skiff.Tests.Shared;
using State = Skiff.Server.GitHub.PullRequestEnvironmentState;

namespace Skiff.Server.Tests.GitHub;

/// <summary>How states travel: coalesced per pull request, in order, and one pull request never waits for another.</summary>
public sealed class ReporterDeliveryTests
{
    [Fact]
    public async Task Quick_reports_for_one_pull_request_coalesce_and_the_last_state_wins()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Delay(TimeSpan.FromMilliseconds(100));
        var sha = ReporterHarness.Sha(20);

        for (var i = 0; i < 9; i++)
            h.Reporter.Report(h.Feedback(State.Deploying, sha) with { Details = [$"step {i}"] });
        h.Reporter.Report(h.Feedback(State.Ready, sha));
        await h.FlushAsync();

        var writes = h.Fake.RequestsTo("POST", "/repos/octo-org/shop/issues/7/comments").Count
            + h.Fake.RequestsTo("PATCH", "/repos/octo-org/shop/issues/comments/*").Count;
        Assert.InRange(writes, 1, 3);
        var comment = Assert.Single(h.Fake.State.Comments("octo-org/shop", 7));
        Assert.Contains("**State:** Ready", comment.Body);
        var deployment = Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal("success", h.Fake.State.Statuses(deployment.Id)[^1].State);
        Assert.Contains(h.Log.Lines, line => line.Contains("replaced by a newer state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task States_of_one_pull_request_arrive_in_the_order_they_were_reported()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Delay(TimeSpan.FromMilliseconds(15));
        string[] steps = ["one", "two", "three", "four", "five", "six", "seven", "eight"];
        var sha = ReporterHarness.Sha(21);

        foreach (var step in steps)
        {
            h.Reporter.Report(h.Feedback(State.Deploying, sha) with { Details = [$"step {step}"] });
            await Task.Delay(5);
        }
        await h.FlushAsync();

        var written = h.Fake.Requests
            .Where(r => r.Is("POST", "/repos/octo-org/shop/issues/7/comments") || r.Is("PATCH", "/repos/octo-org/shop/issues/comments/*"))
            .Select(r => r.Body!.Value.GetProperty("body").GetString()!)
            .Select(body => Array.FindIndex(steps, step => body.Contains($"step {step}", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(written.Order(), written);
        Assert.Equal(written.Distinct(), written);
        Assert.Equal(steps.Length - 1, written[^1]);
    }

    [Fact]
    public async Task A_repository_answering_502_forever_does_not_hold_up_another_pull_request()
    {
        var options = ReporterHarness.QuickOptions with { MaxAttempts = 1000, InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(100), MaxRetryDuration = TimeSpan.FromSeconds(3) };
        await using var h = await ReporterHarness.StartAsync(options);
        h.Fake.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.BadGateway, FakeGitHubFailure.Forever, PathContains: "/repos/octo-org/broken/deployments"));

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(22), number: 1, repository: "broken"));
        h.Reporter.Report(h.Feedback(State.Ready, ReporterHarness.Sha(23), number: 2, repository: "shop"));
        await WaitUntilAsync(() => h.Fake.State.Comments("octo-org/shop", 2).Count == 1);

        // The healthy pull request was delivered in full while the broken one was still being retried.
        Assert.False(h.Reporter.LastErrors.ContainsKey("octo-org/broken#1"));
        Assert.Contains(h.Fake.Requests, r => r.Status == 502);
        var deployment = Assert.Single(h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal("success", h.Fake.State.Statuses(deployment.Id)[^1].State);

        await h.FlushAsync();
        Assert.Contains("find deployment: 502 Server Error (gave up: the next try would be after", h.Reporter.LastErrors["octo-org/broken#1"]);
        Assert.False(h.Reporter.LastErrors.ContainsKey("octo-org/shop#2"));
        // Its comment still went out: only its deployment part failed.
        Assert.Single(h.Fake.State.Comments("octo-org/broken", 1));
    }

    [Fact]
    public async Task A_slow_repository_does_not_hold_up_other_pull_requests()
    {
        await using var h = await ReporterHarness.StartAsync();
        h.Fake.Delay(TimeSpan.FromMilliseconds(500), "/repos/octo-org/slow/");

        h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(24), number: 1, repository: "slow"));
        for (var n = 2; n <= 9; n++)
            h.Reporter.Report(h.Feedback(State.Queued, ReporterHarness.Sha(24 + n), number: n, repository: "shop"));
        await WaitUntilAsync(() => Enumerable.Range(2, 8).All(n => h.Fake.State.Comments("octo-org/shop", n).Count == 1));

        // Eight pull requests went out through the other workers while the slow one's calls (500 ms each) were under way.
        Assert.Empty(h.Fake.State.Comments("octo-org/slow", 1));
        await h.FlushAsync();
        Assert.Single(h.Fake.State.Comments("octo-org/slow", 1));
    }

    [Fact]
    public async Task Flush_with_nothing_reported_returns_at_once()
    {
        await using var h = await ReporterHarness.StartAsync();
        await h.FlushAsync();
        Assert.Empty(h.Fake.Requests);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }
}
