using Skiff.Server.GitHub;
using Skiff.Tests.Shared;
using State = Skiff.Server.GitHub.PullRequestEnvironmentState;

namespace Skiff.Server.Tests.GitHub;

/// <summary>What a pull request shows on the fake GitHub after each state: deployments, statuses and the one comment.</summary>
public sealed class ReporterDeploymentTests : IAsyncLifetime
{
    private ReporterHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReporterHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Ready_makes_one_transient_deployment_with_queued_in_progress_and_success()
    {
        var sha = ReporterHarness.Sha(1);
        await ReportInTurnAsync(State.Queued, State.Deploying, State.Ready, sha);

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(sha, deployment.Sha);
        Assert.Equal(sha, deployment.Ref);
        Assert.Equal("shop-pr-7", deployment.Environment);
        Assert.True(deployment.TransientEnvironment);
        Assert.False(deployment.ProductionEnvironment);
        Assert.False(deployment.AutoMerge);
        Assert.Equal([], deployment.RequiredContexts);
        Assert.Contains("shop-pr-7", deployment.Description);

        var statuses = _h.Fake.State.Statuses(deployment.Id);
        Assert.Equal(["queued", "in_progress", "success"], statuses.Select(s => s.State));
        Assert.Equal("http://shop-pr-7.localhost:7070/", statuses[^1].EnvironmentUrl);
        Assert.Equal("http://skiff.test:7070/api/v1/environments/shop-pr-7", statuses[^1].LogUrl);
        Assert.Equal("Ready in 14.6 s", statuses[^1].Description);

        var comment = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7));
        Assert.StartsWith("<!-- skiff:environment shop-pr-7 -->", comment.Body);
        Assert.Contains("**State:** Ready", comment.Body);
        Assert.Contains("[http://shop-pr-7.localhost:7070/](http://shop-pr-7.localhost:7070/)", comment.Body);
        Assert.Contains(sha[..7], comment.Body);
        Assert.Empty(_h.Reporter.LastErrors);
        Assert.All(_h.Fake.Requests, r => Assert.False(r.Enterprise));
    }

    [Fact]
    public async Task A_second_push_makes_a_new_deployment_and_edits_the_same_comment()
    {
        var first = ReporterHarness.Sha(1);
        var second = ReporterHarness.Sha(2);
        await ReportInTurnAsync(State.Queued, State.Deploying, State.Ready, first);
        await ReportInTurnAsync(State.Queued, State.Deploying, State.Ready, second);

        var deployments = _h.Fake.State.Deployments("octo-org/shop");
        Assert.Equal([first, second], deployments.Select(d => d.Sha));
        Assert.Equal(["queued", "in_progress", "success"], _h.Fake.State.Statuses(deployments[1].Id).Select(s => s.State));
        // The first commit's deployment is retired once the second serves.
        Assert.Equal("inactive", _h.Fake.State.Statuses(deployments[0].Id)[^1].State);

        var comment = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7));
        Assert.Contains(second[..7], comment.Body);
        Assert.DoesNotContain(first[..7], comment.Body);
        Assert.Single(_h.Fake.RequestsTo("POST", "/repos/octo-org/shop/issues/7/comments"));
        Assert.Equal(5, _h.Fake.RequestsTo("PATCH", "/repos/octo-org/shop/issues/comments/*").Count);
        // The comment is looked for once, before it is first written; never again.
        Assert.Single(_h.Fake.RequestsTo("GET", "/repos/octo-org/shop/issues/7/comments"));
    }

    [Fact]
    public async Task Failed_posts_a_failure_status_and_the_comment_shows_the_reason_and_log_tail()
    {
        var sha = ReporterHarness.Sha(3);
        await ReportInTurnAsync(State.Deploying, State.Failed, sha);

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        var failure = _h.Fake.State.Statuses(deployment.Id)[^1];
        Assert.Equal("failure", failure.State);
        Assert.Equal("Failed: api: container exited with code 1", failure.Description);

        var body = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7)).Body;
        Assert.Contains("**State:** Failed", body);
        Assert.Contains("```text\ncontainer exited with code 1\n```", body);
        Assert.Contains("<details>", body);
        Assert.Contains("Error: connect ECONNREFUSED db:5432", body);
    }

    [Fact]
    public async Task A_long_failure_reason_is_cut_to_the_140_characters_GitHub_takes()
    {
        var feedback = _h.Feedback(State.Failed, ReporterHarness.Sha(4)) with
        {
            Error = new Core.Api.ErrorDto("api", new string('x', 400), []),
        };
        _h.Reporter.Report(feedback);
        await _h.FlushAsync();

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        var description = _h.Fake.State.Statuses(deployment.Id)[^1].Description!;
        Assert.Equal(140, description.Length);
        Assert.Empty(_h.Reporter.LastErrors);
    }

    [Fact]
    public async Task Removed_marks_the_environments_deployments_inactive()
    {
        await ReportInTurnAsync(State.Deploying, State.Ready, ReporterHarness.Sha(5));
        await ReportInTurnAsync(State.Removed, ReporterHarness.Sha(5));

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(["in_progress", "success", "inactive"], _h.Fake.State.Statuses(deployment.Id).Select(s => s.State));
        var body = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7)).Body;
        Assert.Contains("**State:** Removed", body);
        Assert.DoesNotContain("localhost:7070", body);
    }

    [Fact]
    public async Task Removed_after_a_restart_retires_deployments_made_before_it()
    {
        await ReportInTurnAsync(State.Ready, ReporterHarness.Sha(6));
        await _h.StartReporterAsync();
        await ReportInTurnAsync(State.Removed, ReporterHarness.Sha(6));

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(["success", "inactive"], _h.Fake.State.Statuses(deployment.Id).Select(s => s.State));
    }

    [Fact]
    public async Task A_pull_request_reopened_after_removal_keeps_its_one_comment()
    {
        var sha = ReporterHarness.Sha(13);
        await ReportInTurnAsync(State.Ready, sha);
        await ReportInTurnAsync(State.Removed, sha);
        await ReportInTurnAsync(State.Queued, State.Ready, sha);

        Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7));
        // The retired deployment takes no more statuses: the reopened pull request gets a new one.
        var deployments = _h.Fake.State.Deployments("octo-org/shop");
        Assert.Equal(2, deployments.Count);
        Assert.Equal(["success", "inactive"], _h.Fake.State.Statuses(deployments[0].Id).Select(s => s.State));
        Assert.Equal(["queued", "success"], _h.Fake.State.Statuses(deployments[1].Id).Select(s => s.State));
        Assert.Empty(_h.Fake.State.OutOfOrderDeployments("octo-org/shop"));
    }

    [Fact]
    public async Task NotDeployed_writes_only_the_comment_with_the_note()
    {
        var feedback = _h.Feedback(State.NotDeployed, ReporterHarness.Sha(7)) with
        {
            Note = "Pull requests from forks are not deployed. A maintainer can comment /skiff deploy to allow this one.",
        };
        _h.Reporter.Report(feedback);
        await _h.FlushAsync();

        Assert.Empty(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.Empty(_h.Fake.RequestsTo("POST", "/repos/octo-org/shop/deployments"));
        var body = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7)).Body;
        Assert.Contains("**State:** Not deployed", body);
        Assert.Contains("Pull requests from forks are not deployed. A maintainer can comment /skiff deploy to allow this one.", body);
    }

    [Fact]
    public async Task A_restarted_reporter_finds_the_comment_and_deployment_instead_of_making_new_ones()
    {
        var sha = ReporterHarness.Sha(8);
        _h.Fake.State.AddComment("octo-org/shop", 7, "Looks good to me");
        await ReportInTurnAsync(State.Queued, State.Deploying, sha);

        await _h.StartReporterAsync();
        await ReportInTurnAsync(State.Ready, sha);

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(["queued", "in_progress", "success"], _h.Fake.State.Statuses(deployment.Id).Select(s => s.State));
        var comments = _h.Fake.State.Comments("octo-org/shop", 7);
        Assert.Equal(2, comments.Count);
        Assert.Equal("Looks good to me", comments[0].Body);
        Assert.Contains("**State:** Ready", comments[1].Body);
        Assert.Single(_h.Fake.RequestsTo("POST", "/repos/octo-org/shop/issues/7/comments"));
        Assert.Single(_h.Fake.RequestsTo("POST", "/repos/octo-org/shop/deployments"));
        // The new reporter looked the deployment up by sha and environment.
        var lookup = _h.Fake.RequestsTo("GET", "/repos/octo-org/shop/deployments")[^1];
        Assert.Contains("sha=" + sha, lookup.Query);
        Assert.Contains("environment=shop-pr-7", lookup.Query);
    }

    [Fact]
    public async Task The_comment_is_found_on_a_later_page_of_a_long_discussion()
    {
        _h.Fake.State.AddComment("octo-org/shop", 7, "first");
        await ReportInTurnAsync(State.Queued, ReporterHarness.Sha(9));
        for (var i = 0; i < 120; i++)
            _h.Fake.State.AddComment("octo-org/shop", 7, $"comment {i}");

        await _h.StartReporterAsync();
        await ReportInTurnAsync(State.Deploying, ReporterHarness.Sha(9));

        Assert.Single(_h.Fake.RequestsTo("POST", "/repos/octo-org/shop/issues/7/comments"));
        var ours = _h.Fake.State.Comments("octo-org/shop", 7)[1];
        Assert.Contains("**State:** Deploying", ours.Body);
        // Once before the first write, then twice (two pages of 100, by the Link header) after the restart.
        var listings = _h.Fake.RequestsTo("GET", "/repos/octo-org/shop/issues/7/comments");
        Assert.Equal(3, listings.Count);
        Assert.Contains("page=2", listings[^1].Query);
    }

    [Fact]
    public async Task A_deleted_comment_is_written_anew()
    {
        await ReportInTurnAsync(State.Queued, ReporterHarness.Sha(10));
        var first = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7));
        _h.Fake.State.DeleteComment(first.Id);

        await ReportInTurnAsync(State.Deploying, ReporterHarness.Sha(10));

        var again = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7));
        Assert.NotEqual(first.Id, again.Id);
        Assert.Contains("**State:** Deploying", again.Body);
        Assert.Empty(_h.Reporter.LastErrors);
    }

    [Fact]
    public async Task An_unchanged_state_is_not_written_again()
    {
        var sha = ReporterHarness.Sha(11);
        await ReportInTurnAsync(State.Ready, sha);
        var before = _h.Fake.Requests.Count;

        await ReportInTurnAsync(State.Ready, sha);

        Assert.Equal(before, _h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Requests_carry_the_token_as_a_bearer_and_the_enterprise_prefix_works()
    {
        var feedback = _h.Feedback(State.Queued, ReporterHarness.Sha(12)) with
        {
            Repository = new GitHubRepositoryAccess("octo-org", "shop", _h.Fake.EnterpriseBaseUrl, _h.Credentials),
        };
        _h.Reporter.Report(feedback);
        await _h.FlushAsync();

        Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.All(_h.Fake.Requests, r =>
        {
            Assert.True(r.Enterprise);
            Assert.True(r.HasAuthorization);
            Assert.Equal("Bearer", r.AuthorizationScheme);
            Assert.StartsWith("skiff", r.Headers["user-agent"]);
            Assert.DoesNotContain(ReporterHarness.Token, string.Join(' ', r.Headers.Values));
        });
        var comment = Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7));
        // The commit links to the Enterprise host's web pages, without api/v3.
        Assert.Contains($"({_h.Fake.BaseUrl}octo-org/shop/commit/{ReporterHarness.Sha(12)})", comment.Body);
    }

    [Fact]
    public async Task A_late_success_of_an_older_commit_leaves_the_newer_commits_deployment_alone()
    {
        var older = ReporterHarness.Sha(20);
        var newer = ReporterHarness.Sha(21);
        foreach (var (state, sha, generation) in new[]
        {
            (State.Queued, older, 1L), (State.Deploying, older, 1L), (State.Queued, newer, 2L),
            (State.Ready, older, 1L), (State.Deploying, newer, 2L), (State.Ready, newer, 2L),
        })
        {
            _h.Reporter.Report(_h.Feedback(state, sha, generation: generation));
            await _h.FlushAsync();
        }

        var deployments = _h.Fake.State.Deployments("octo-org/shop");
        Assert.Equal(["queued", "in_progress", "success"], _h.Fake.State.Statuses(deployments.Single(d => d.Sha == newer).Id).Select(s => s.State));
        Assert.Equal(["queued", "in_progress", "success", "inactive"], _h.Fake.State.Statuses(deployments.Single(d => d.Sha == older).Id).Select(s => s.State));
        Assert.Empty(_h.Fake.State.OutOfOrderDeployments("octo-org/shop"));
        // The comment shows the newer commit: the older one's late success did not overwrite its queued state either.
        Assert.Contains(newer[..7], Assert.Single(_h.Fake.State.Comments("octo-org/shop", 7)).Body);
    }

    [Fact]
    public async Task A_wake_after_a_restart_does_not_move_a_successful_deployment_back_to_in_progress()
    {
        var sha = ReporterHarness.Sha(22);
        await ReportInTurnAsync(State.Queued, State.Deploying, State.Ready, sha);
        await _h.StartReporterAsync();

        await ReportInTurnAsync(State.Deploying, State.Ready, sha);

        var deployment = Assert.Single(_h.Fake.State.Deployments("octo-org/shop"));
        Assert.Equal(["queued", "in_progress", "success", "success"], _h.Fake.State.Statuses(deployment.Id).Select(s => s.State));
        Assert.Empty(_h.Fake.State.OutOfOrderDeployments("octo-org/shop"));
    }

    private async Task ReportInTurnAsync(State a, string sha) => await ReportInTurnAsync([a], sha);

    private async Task ReportInTurnAsync(State a, State b, string sha) => await ReportInTurnAsync([a, b], sha);

    private async Task ReportInTurnAsync(State a, State b, State c, string sha) => await ReportInTurnAsync([a, b, c], sha);

    /// <summary>Each state delivered before the next is reported (no coalescing), as a slow deploy would.</summary>
    private async Task ReportInTurnAsync(State[] states, string sha)
    {
        foreach (var state in states)
        {
            _h.Reporter.Report(_h.Feedback(state, sha));
            await _h.FlushAsync();
        }
        Assert.Empty(_h.Reporter.LastErrors);
    }
}
