using System.Net;
using Skiff.Server.Tests.EndToEnd;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.PullRequests;

/// <summary>
/// The outer loop end to end: signed webhook deliveries → desired state → reconciler → real git →
/// real engine → router, with GitHub's side checked on the fake API.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PullRequestEnvironmentTests(PullRequestServer pr) : IClassFixture<PullRequestServer>
{
    [Fact]
    public async Task Opened_synchronize_closed_follow_the_pull_request()
    {
        const int number = 7;
        const string environment = "shop-pr-7";
        var first = await pr.PushHeadingAsync(number, "first-push");

        var (status, body) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", number, first));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(environment, body.GetProperty("environment").GetString());

        var ready = await pr.WaitForShaAsync(environment, first);
        Assert.Equal("Ready", ready.Phase.ToString());
        var (page, html) = await pr.Server.BrowseAsync($"{environment}.localhost");
        Assert.Equal(HttpStatusCode.OK, page);
        Assert.Contains("first-push", html);
        Assert.Contains("Canvas tote bag", html);
        Assert.Equal("acme/shop", ready.PullRequest!.Repository);
        var before = ready.Services.ToDictionary(s => s.Name, s => s.ContainerId);

        await pr.FlushFeedbackAsync();
        var deployment = Assert.Single(pr.GitHub.State.Deployments("acme/shop"), d => d.Sha == first);
        Assert.Equal(environment, deployment.Environment);
        var statuses = pr.GitHub.State.Statuses(deployment.Id);
        Assert.Equal("success", statuses[^1].State);
        Assert.Equal(ready.Url, statuses[^1].EnvironmentUrl);
        var comment = Assert.Single(pr.GitHub.State.Comments("acme/shop", number));
        Assert.Contains(ready.Url!, comment.Body);
        Assert.Contains(first[..7], comment.Body);

        var second = await pr.PushHeadingAsync(number, "second-push");
        (status, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("synchronize", number, second));
        Assert.Equal(HttpStatusCode.Accepted, status);

        var updated = await pr.WaitForShaAsync(environment, second);
        Assert.Equal("Ready", updated.Phase.ToString());
        (_, html) = await pr.Server.BrowseAsync($"{environment}.localhost");
        Assert.Contains("second-push", html);
        var after = updated.Services.ToDictionary(s => s.Name, s => s.ContainerId);
        Assert.NotEqual(before["web"], after["web"]);
        Assert.Equal(before["api"], after["api"]);
        Assert.Equal(before["db"], after["db"]);

        await pr.FlushFeedbackAsync();
        comment = Assert.Single(pr.GitHub.State.Comments("acme/shop", number));
        Assert.Contains(second[..7], comment.Body);
        Assert.Single(pr.GitHub.RequestsTo("POST", $"/repos/acme/shop/issues/{number}/comments"));
        Assert.Contains(pr.GitHub.State.Deployments("acme/shop"), d => d.Sha == second);

        (status, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("closed", number, second));
        Assert.Equal(HttpStatusCode.Accepted, status);
        await pr.WaitGoneAsync(environment);

        var state = await pr.Server.Driver.GetStateAsync(environment, CancellationToken.None);
        Assert.True(state.IsEmpty, $"left: {state.Containers.Length} containers, {state.Networks.Length} networks, {state.Volumes.Length} volumes");
        await pr.FlushFeedbackAsync();
        foreach (var each in pr.GitHub.State.Deployments("acme/shop").Where(d => d.Environment == environment))
            Assert.Equal("inactive", pr.GitHub.State.Statuses(each.Id)[^1].State);
    }

    [Fact]
    public async Task A_bad_signature_is_refused_and_records_nothing()
    {
        var sha = await pr.PushHeadingAsync(8, "unsigned");
        var requestsBefore = pr.GitHub.Requests.Count;

        var (wrong, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 8, sha), signature: "sha256=" + new string('0', 64));
        var (missing, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 8, sha), signature: "");
        var (otherSecret, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 8, sha),
            signature: Skiff.Server.GitHub.WebhookSignature.Sign(System.Text.Encoding.UTF8.GetBytes("{}"), PullRequestServer.Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSecret);
        Assert.Null(await pr.Server.GetAsync("shop-pr-8"));
        await pr.FlushFeedbackAsync();
        Assert.Equal(requestsBefore, pr.GitHub.Requests.Count);
    }

    [Fact]
    public async Task Ping_is_answered_and_other_repositories_and_events_are_ignored()
    {
        var (ping, pong) = await pr.SendAsync("ping", pr.Deliveries.Ping());
        Assert.Equal(HttpStatusCode.OK, ping);
        Assert.True(pong.GetProperty("pong").GetBoolean());

        var stranger = new WebhookDeliveries("someone", "else", "whatever");
        var (other, _) = await pr.SendAsync("pull_request", stranger.PullRequest("opened", 1, new string('a', 40)));
        Assert.Equal(HttpStatusCode.Accepted, other);

        var (push, _) = await pr.SendAsync("push", pr.Deliveries.Ping());
        Assert.Equal(HttpStatusCode.Accepted, push);

        // An "assigned" delivery: the opened payload with the action and the assignee GitHub adds.
        var assignedPayload = System.Text.Json.Nodes.JsonNode.Parse(pr.Deliveries.PullRequest("opened", 9, new string('b', 40)))!.AsObject();
        assignedPayload["action"] = "assigned";
        assignedPayload["assignee"] = assignedPayload["sender"]!.DeepClone();
        var (assigned, body) = await pr.SendAsync("pull_request", assignedPayload.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, assigned);
        Assert.True(body.TryGetProperty("ignored", out _));
        Assert.Null(await pr.Server.GetAsync("shop-pr-9"));
    }

    [Fact]
    public async Task A_redelivery_is_acknowledged_and_deploys_once()
    {
        const string environment = "shop-pr-10";
        var sha = await pr.PushHeadingAsync(10, "once");
        var payload = pr.Deliveries.PullRequest("opened", 10, sha);
        var delivery = Guid.NewGuid().ToString();

        var (first, _) = await pr.SendAsync("pull_request", payload, delivery);
        var (again, body) = await pr.SendAsync("pull_request", payload, delivery);

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        var ready = await pr.WaitForShaAsync(environment, sha);
        Assert.Equal("Ready", ready.Phase.ToString());
        await Task.Delay(1000);
        var final = await pr.Server.GetAsync(environment);
        Assert.Single(final!.Deployments!);
        Assert.Single(final.Events!, e => e.Kind == "webhook");
        await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("closed", 10, sha));
        await pr.WaitGoneAsync(environment);
    }

    [Fact]
    public async Task A_burst_of_twenty_pushes_ends_with_one_deploy_of_the_last_commit()
    {
        const string environment = "shop-pr-11";
        var shas = new List<string>();
        for (var i = 0; i < 20; i++)
            shas.Add(await pr.PushHeadingAsync(11, $"burst-{i:00}"));

        var (opened, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 11, shas[0]));
        Assert.Equal(HttpStatusCode.Accepted, opened);
        foreach (var sha in shas.Skip(1))
        {
            var (status, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("synchronize", 11, sha));
            Assert.Equal(HttpStatusCode.Accepted, status);
        }

        var ready = await pr.WaitForShaAsync(environment, shas[^1]);
        Assert.Equal("Ready", ready.Phase.ToString());
        var (_, html) = await pr.Server.BrowseAsync($"{environment}.localhost");
        Assert.Contains("burst-19", html);
        var deploys = ready.Deployments!;
        Assert.True(deploys.Count <= 3, $"{deploys.Count} deploys for 20 pushes");
        Assert.Equal(ready.Generation, deploys[0].Generation);
        Assert.Equal(20, ready.Events!.Count(e => e.Kind == "webhook"));

        // On GitHub, every deployment's statuses went forward only, and the last commit's ends in success.
        await pr.FlushFeedbackAsync();
        Assert.Empty(pr.GitHub.State.OutOfOrderDeployments("acme/shop"));
        var last = pr.GitHub.State.Deployments("acme/shop").Last(d => d.Sha == shas[^1]);
        Assert.Equal("success", pr.GitHub.State.Statuses(last.Id)[^1].State);
        Assert.All(pr.GitHub.State.Deployments("acme/shop").Where(d => d.Environment == environment && d.Sha != shas[^1]),
            d => Assert.NotEqual("success", pr.GitHub.State.Statuses(d.Id).LastOrDefault()?.State));
        await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("closed", 11, shas[^1]));
        await pr.WaitGoneAsync(environment);
    }

    [Fact]
    public async Task A_fork_is_not_deployed_and_the_comment_says_how_to_allow_it()
    {
        var sha = await pr.PushHeadingAsync(12, "from-a-fork");

        var (status, body) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 12, sha, fromFork: true));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("NotDeployed", body.GetProperty("verdict").GetString());
        Assert.Null(await pr.Server.GetAsync("shop-pr-12"));
        Assert.True((await pr.Server.Driver.GetStateAsync("shop-pr-12", CancellationToken.None)).IsEmpty);
        await pr.FlushFeedbackAsync();
        var comment = Assert.Single(pr.GitHub.State.Comments("acme/shop", 12));
        Assert.Contains("fork", comment.Body);
        Assert.Contains("deployForks: true", comment.Body);
        Assert.DoesNotContain(pr.GitHub.State.Deployments("acme/shop"), d => d.Environment == "shop-pr-12");
    }
}
