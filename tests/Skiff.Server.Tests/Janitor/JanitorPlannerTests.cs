using System.Collections.Immutable;
using Skiff.Server.GitHub;
using Skiff.Server.Janitor;
using Skiff.Core.Api;

namespace Skiff.Server.Tests.Janitor;

/// <summary>The rules alone, from hand-made facts.</summary>
public sealed class JanitorPlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly JanitorOptions Options = new();

    [Fact]
    public void Nothing_to_do_plans_nothing() =>
        Assert.Empty(JanitorPlanner.Plan(new JanitorFacts { Now = Now }, Options));

    [Fact]
    public void An_orphan_needs_no_record_no_worker_and_the_grace_period_behind_it()
    {
        var facts = new JanitorFacts
        {
            Now = Now,
            Environments = Environments(Environment("known", "Running", "Ready", Now.AddDays(-1))),
            Leftovers =
            [
                Leftover("old", Now.AddMinutes(-3)),
                Leftover("young", Now.AddMinutes(-1)),
                Leftover("known", Now.AddDays(-1)),
                Leftover("busy", Now.AddDays(-1)),
                Leftover("exactly", Now - Options.OrphanGracePeriod),
            ],
            Busy = ["busy"],
        };

        var actions = JanitorPlanner.Plan(facts, Options);

        Assert.Equal(["old", "exactly"], actions.Select(a => a.Environment));
        Assert.All(actions, a => Assert.Equal(JanitorActionKind.Orphan, a.Kind));
        Assert.Equal("1 container, 1 network labelled dev.skiff.env=old and no environment of that name (3 min old)", actions[0].Detail);
    }

    [Fact]
    public void An_orphan_outside_the_prefix_is_not_collected()
    {
        var facts = new JanitorFacts { Now = Now, Leftovers = [Leftover("mine-a", Now.AddHours(-1)), Leftover("theirs-a", Now.AddHours(-1))] };

        var actions = JanitorPlanner.Plan(facts, Options with { OrphanPrefix = "mine-" });

        Assert.Equal(["mine-a"], actions.Select(a => a.Environment));
    }

    [Fact]
    public void A_leftover_without_containers_counts_from_when_it_was_first_seen() =>
        Assert.Equal(Now.AddMinutes(-5), new EngineLeftover("n", 0, 1, 0, null, Now.AddMinutes(-5)).Since);

    [Fact]
    public void Only_a_closed_pull_request_of_an_environment_not_going_away_is_removed()
    {
        var facts = new JanitorFacts
        {
            Now = Now,
            Environments = Environments(
                PullRequest("shop-pr-1", 1, "Running"),
                PullRequest("shop-pr-2", 2, "Running"),
                PullRequest("shop-pr-3", 3, "Absent"),
                PullRequest("shop-pr-4", 4, "Suspended")),
            PullRequests = new Dictionary<string, PullRequestStatus>
            {
                ["shop-pr-1"] = new(Closed: false, Merged: false, ClosedAt: null),
                ["shop-pr-2"] = new(Closed: true, Merged: false, ClosedAt: Now.AddHours(-3)),
                ["shop-pr-3"] = new(Closed: true, Merged: true, ClosedAt: Now.AddHours(-3)),
                ["shop-pr-4"] = new(Closed: true, Merged: true, ClosedAt: null),
                ["gone-pr-5"] = new(Closed: true, Merged: false, ClosedAt: null),
            }.ToImmutableDictionary(),
        };

        var actions = JanitorPlanner.Plan(facts, Options);

        Assert.Equal(["shop-pr-2", "shop-pr-4"], actions.Select(a => a.Environment));
        Assert.Equal("pull request acme/shop#2 was closed 3 h ago", actions[0].Detail);
        Assert.Equal("pull request acme/shop#4 was merged", actions[1].Detail);
        Assert.Equal(7, actions[0].Generation);
    }

    [Fact]
    public void Pull_requests_are_checked_longest_ago_first_within_the_bound()
    {
        var environments = new[]
        {
            PullRequest("shop-pr-1", 1, "Running"),
            PullRequest("shop-pr-2", 2, "Running"),
            PullRequest("shop-pr-3", 3, "Absent"),
            PullRequest("shop-pr-4", 4, "Running"),
            Environment("plain", "Running", "Ready", Now),
        };
        var checkedAt = new Dictionary<string, DateTimeOffset> { ["shop-pr-1"] = Now.AddMinutes(-5), ["shop-pr-2"] = Now.AddMinutes(-10) };

        var batch = JanitorPlanner.PullRequestsToCheck(environments, checkedAt, max: 2);

        Assert.Equal(["shop-pr-4", "shop-pr-2"], batch.Select(e => e.Name));
    }

    [Theory]
    [InlineData("Pending", 31, false, true)]
    [InlineData("Deploying", 31, false, true)]
    [InlineData("Deleting", 31, false, true)]
    [InlineData("Deploying", 29, false, false)]
    [InlineData("Deploying", 31, true, false)]
    [InlineData("Ready", 600, false, false)]
    [InlineData("Failed", 600, false, false)]
    [InlineData("Queued", 600, false, false)]
    [InlineData("Suspended", 600, false, false)]
    public void An_unfinished_phase_past_the_threshold_with_no_worker_is_stuck(string phase, int minutes, bool busy, bool stuck)
    {
        var facts = new JanitorFacts
        {
            Now = Now,
            Environments = Environments(Environment("app", "Running", phase, Now.AddMinutes(-minutes))),
            Busy = busy ? ["app"] : [],
        };

        var actions = JanitorPlanner.Plan(facts, Options);

        Assert.Equal(stuck ? [JanitorActionKind.Stuck] : [], actions.Select(a => a.Kind));
    }

    [Fact]
    public void A_running_deploy_row_past_the_threshold_with_no_worker_is_interrupted()
    {
        var facts = new JanitorFacts
        {
            Now = Now,
            RunningDeployments =
            [
                new RunningDeployment(11, "old", Now.AddMinutes(-45)),
                new RunningDeployment(12, "recent", Now.AddMinutes(-5)),
                new RunningDeployment(13, "working", Now.AddHours(-2)),
            ],
            Busy = ["working"],
        };

        var action = Assert.Single(JanitorPlanner.Plan(facts, Options));

        Assert.Equal((JanitorActionKind.InterruptedDeployment, "old", 11L), (action.Kind, action.Environment, action.DeploymentId));
        Assert.Equal("deployment 11 started 45 min ago is still marked Running with no worker on it", action.Detail);
    }

    private static ImmutableDictionary<string, EnvironmentFact> Environments(params EnvironmentFact[] facts) =>
        facts.ToImmutableDictionary(f => f.Name);

    private static EnvironmentFact Environment(string name, string desired, string phase, DateTimeOffset updatedAt) =>
        new(name, Enum.Parse<Core.Environments.DesiredState>(desired), Enum.Parse<Core.Environments.EnvironmentPhase>(phase), 7, updatedAt);

    private static EnvironmentFact PullRequest(string name, long number, string desired) =>
        Environment(name, desired, "Ready", Now.AddDays(-1)) with { Repository = "acme/shop", PullRequest = number };

    private static EngineLeftover Leftover(string name, DateTimeOffset createdAt) => new(name, 1, 1, 0, createdAt, Now);
}
