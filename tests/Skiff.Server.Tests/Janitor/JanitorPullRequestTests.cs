using Skiff.Core.PullRequests;
using Skiff.Server.Configuration;
using Skiff.Server.Janitor;
using Skiff.Server.Store;
using Skiff.Tests.Shared;
using Skiff.Core.Api;

namespace Skiff.Server.Tests.Janitor;

/// <summary>Closed pull requests still deployed, against the fake GitHub API; records made by the webhook path's own recorder.</summary>
public sealed class JanitorPullRequestTests : IAsyncLifetime
{
    private const string Token = "ghs_janitor_test_token";
    private FakeGitHubApi _gitHub = null!;
    private JanitorHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _gitHub = await FakeGitHubApi.StartAsync();
        _gitHub.AcceptToken(Token);
        _harness = await JanitorHarness.StartAsync(repositories:
        [
            Repository("acme/shop", token: Token),
            Repository("acme/quiet", token: null),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _gitHub.DisposeAsync();
    }

    [Fact]
    public async Task A_closed_pull_request_is_set_absent_and_queued()
    {
        _gitHub.PullRequests.Open("acme/shop", 7);
        _gitHub.PullRequests.Open("acme/shop", 8);
        _gitHub.PullRequests.Close("acme/shop", 8, merged: true);
        await RecordAsync("acme/shop", 7);
        await RecordAsync("acme/shop", 8);

        var report = await _harness.RunAsync();

        var action = Assert.Single(report.Actions);
        Assert.Equal((JanitorActionKind.ClosedPullRequest, "shop-pr-8", null), (action.Kind, action.Environment, action.Error));
        Assert.Contains("acme/shop#8 was merged", action.Detail);
        var closed = await _harness.Store.FindAsync("shop-pr-8", CancellationToken.None);
        Assert.Equal(("Absent", "Deleting", 2L), (closed!.Desired.ToString(), closed.Phase.ToString(), closed.Generation));
        Assert.True(_harness.Queue.IsBusy("shop-pr-8"));
        var open = await _harness.Store.FindAsync("shop-pr-7", CancellationToken.None);
        Assert.Equal("Running", open!.Desired.ToString());
        Assert.False(_harness.Queue.IsBusy("shop-pr-7"));
        var history = await _harness.Store.ListEventsAsync("shop-pr-8", 10, CancellationToken.None);
        Assert.Contains(history, e => e.Kind == "janitor" && e.Message.Contains("merged") && e.Message.Contains("set to Absent"));
        Assert.Single(_gitHub.RequestsTo("GET", "/repos/acme/shop/pulls/7"));
        Assert.Single(_gitHub.RequestsTo("GET", "/repos/acme/shop/pulls/8"));
    }

    [Fact]
    public async Task A_dry_run_only_reports_the_closed_pull_request()
    {
        _gitHub.PullRequests.Open("acme/shop", 8);
        _gitHub.PullRequests.Close("acme/shop", 8);
        await RecordAsync("acme/shop", 8);

        var report = await _harness.RunAsync(dryRun: true);

        Assert.Equal(JanitorActionKind.ClosedPullRequest, Assert.Single(report.Actions).Kind);
        var record = await _harness.Store.FindAsync("shop-pr-8", CancellationToken.None);
        Assert.Equal(("Running", 1L), (record!.Desired.ToString(), record.Generation));
        Assert.False(_harness.Queue.IsBusy("shop-pr-8"));
        var history = await _harness.Store.ListEventsAsync("shop-pr-8", 10, CancellationToken.None);
        Assert.Contains(history, e => e.Kind == "janitor" && e.Message.StartsWith("dry run, would remove the environment: pull request acme/shop#8 was closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_and_unknown_pull_requests_never_remove_anything()
    {
        await RecordAsync("acme/shop", 9);   // the fake never heard of it: 404
        await RecordAsync("acme/shop", 10);
        _gitHub.PullRequests.Open("acme/shop", 10);
        _gitHub.PullRequests.Close("acme/shop", 10);
        _gitHub.Fail(new FakeGitHubFailure(FakeGitHubFailureKind.BadGateway, FakeGitHubFailure.Forever, PathContains: "/pulls/10"));

        var report = await _harness.RunAsync();

        Assert.Empty(report.Actions);
        Assert.Equal("Running", (await _harness.Store.FindAsync("shop-pr-9", CancellationToken.None))!.Desired.ToString());
        Assert.Equal("Running", (await _harness.Store.FindAsync("shop-pr-10", CancellationToken.None))!.Desired.ToString());
        Assert.Contains(_harness.Logs.Lines, l => l.Contains("could not read pull request") && l.Contains("PullRequest=9") && l.Contains("404"));
        Assert.Contains(_harness.Logs.Lines, l => l.Contains("could not read pull request") && l.Contains("PullRequest=10") && l.Contains("502"));
    }

    [Fact]
    public async Task A_repository_without_api_access_is_not_asked()
    {
        await RecordAsync("acme/quiet", 3);

        var report = await _harness.RunAsync();

        Assert.Empty(report.Actions);
        Assert.Empty(_gitHub.Requests);
    }

    [Fact]
    public async Task A_reopen_recorded_meanwhile_wins()
    {
        await RecordAsync("acme/shop", 8);
        // The janitor saw generation 1 closed; a reopen webhook made it generation 2 before the janitor wrote.
        await RecordAsync("acme/shop", 8, delivery: "reopened");
        var desired = _harness.Get<Skiff.Server.Environments.DesiredStateWriter>();
        Task<bool> RemoveIfUnchangedAsync(long generation) => desired.RequestAsync("shop-pr-8", Core.Environments.EnvironmentTrigger.JanitorRemove,
            Core.Environments.Actor.Janitor, "closed", CancellationToken.None, ifGeneration: generation).ContinueWith(t => t.Result.Decision.Changes);

        Assert.False(await RemoveIfUnchangedAsync(1));
        Assert.Equal("Running", (await _harness.Store.FindAsync("shop-pr-8", CancellationToken.None))!.Desired.ToString());
        Assert.True(await RemoveIfUnchangedAsync(2));
        Assert.Equal("Absent", (await _harness.Store.FindAsync("shop-pr-8", CancellationToken.None))!.Desired.ToString());
    }

    [Fact]
    public async Task Each_pass_asks_about_a_bounded_number_checked_longest_ago_first()
    {
        await using var bounded = await JanitorHarness.StartAsync(o => o with { MaxPullRequestChecks = 2 }, [Repository("acme/shop", Token)]);
        foreach (var number in new[] { 1, 2, 3 })
        {
            _gitHub.PullRequests.Open("acme/shop", number);
            await bounded.Recorder.RecordAsync(Trigger("acme/shop", number, "opened"), CancellationToken.None);
        }

        await bounded.RunAsync();
        Assert.Equal(["/repos/acme/shop/pulls/1", "/repos/acme/shop/pulls/2"], PullsAsked());

        bounded.Time.Advance(TimeSpan.FromMinutes(5));
        await bounded.RunAsync();
        Assert.Equal(["/repos/acme/shop/pulls/1", "/repos/acme/shop/pulls/2", "/repos/acme/shop/pulls/3", "/repos/acme/shop/pulls/1"], PullsAsked());
    }

    private List<string> PullsAsked() => [.. _gitHub.Requests.Where(r => r.Is("GET", "/repos/acme/shop/pulls/*")).Select(r => r.Path)];

    private Task RecordAsync(string repository, int number, string delivery = "opened") =>
        _harness.Recorder.RecordAsync(Trigger(repository, number, delivery), CancellationToken.None);

    private static PullRequestTrigger Trigger(string repository, int number, string delivery) =>
        new()
        {
            DeliveryId = $"{delivery}-{repository}-{number}",
            Action = delivery,
            Names = [$"{repository.Split('/')[1]}-pr-{number}"],
            Repository = repository,
            Number = number,
            HeadSha = "0123456789abcdef0123456789abcdef01234567",
            CloneUrl = $"https://github.com/{repository}.git",
            Decision = new PullRequestDecision(PullRequestVerdict.Deploy, "opened"),
        };

    private RepositoryConfig Repository(string fullName, string? token) => new()
    {
        FullName = fullName,
        CloneUrl = $"https://github.com/{fullName}.git",
        WebhookSecret = new SecretValue("secret", "test"),
        Token = token is null ? null : new SecretValue(token, "test"),
        ApiUrl = _gitHub.BaseUrl,
    };
}
