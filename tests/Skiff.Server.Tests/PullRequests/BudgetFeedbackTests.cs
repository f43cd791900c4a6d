using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Core.Budgets;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.PullRequests;

/// <summary>
/// What a repository's monthly budget does to its PRs, seen on the recorded PR comment: over budget
/// with policy <c>refuse</c> the next PR gets no environment and its comment says why; near the
/// budget the environment deploys and its comment shows the cost so far and the budget's state.
/// </summary>
[Collection(EndToEnd.EngineCollection.Name)]
public sealed class BudgetFeedbackTests
{
    /// <summary>The default on-demand price of one vCPU-hour (docs/cost.md).</summary>
    private const decimal VcpuHour = 0.04048m;

    private static readonly BudgetRules OneDollarRefuse = new(Monthly: 1m, Policy: BudgetPolicy.Refuse);

    [Fact]
    public async Task Over_budget_the_next_environment_is_refused_and_the_pr_comment_says_so()
    {
        await using var pr = await PullRequestServer.StartAsync(repository: r => r with { Budget = OneDollarRefuse });
        // Earlier this month another environment reserved 30 CPU-hours: 30 × 0.04048 = 1.21 > 1.00.
        await RecordUsageAsync(pr, "shop-pr-1", cpuHours: 30);

        await OpenAsync(pr, 3);

        var environment = await pr.WaitForPhaseAsync("shop-pr-3", "Queued", TimeSpan.FromMinutes(1));
        Assert.Contains("budget", environment.QueuedReason);
        Assert.DoesNotContain(environment.Events!, e => e.Kind == "deploy");   // refused before any deploy work
        Assert.True((await pr.Server.Driver.GetStateAsync("shop-pr-3", CancellationToken.None)).IsEmpty);

        var comment = await pr.WaitForCommentAsync(3, "not deployed", TimeSpan.FromSeconds(30));
        Assert.Contains("not deployed", comment.Body);
        Assert.Contains("1.21 of its 1.00 monthly budget", comment.Body);
        Assert.DoesNotContain(pr.GitHub.State.Deployments("acme/shop"),
            d => d.Environment == "shop-pr-3" && pr.GitHub.State.Statuses(d.Id).Any(s => s.State == "success"));
    }

    [Fact]
    public async Task Near_the_budget_the_environment_deploys_and_its_comment_shows_cost_and_budget()
    {
        await using var pr = await PullRequestServer.StartAsync(repository: r => r with { Budget = OneDollarRefuse });
        // This PR's environment existed earlier this month (reopened since): 23 CPU-hours = 0.93, 93% of 1.00.
        await RecordUsageAsync(pr, "shop-pr-4", cpuHours: 23);

        await OpenAsync(pr, 4);

        await pr.WaitForPhaseAsync("shop-pr-4", "Ready", TimeSpan.FromMinutes(3));
        var expected = (23 * VcpuHour).ToString("0.00", CultureInfo.InvariantCulture);
        var comment = await pr.WaitForCommentAsync(4, "Cost so far this month", TimeSpan.FromSeconds(30));
        Assert.Contains($"Cost so far this month: {expected} USD", comment.Body);
        Assert.Contains("Budget: acme/shop spent 0.93 of its 1.00 monthly budget: 93%", comment.Body);
    }

    /// <summary>One hour-long sample of the meter, an hour ago, reserving <paramref name="cpuHours"/> vCPUs.</summary>
    private static Task RecordUsageAsync(PullRequestServer pr, string environment, int cpuHours) =>
        pr.Server.Services.GetRequiredService<UsageStore>().AddAsync([new UsageRecord
        {
            EnvironmentName = environment,
            Repository = "acme/shop",
            Service = "web",
            At = DateTimeOffset.UtcNow.AddMinutes(-61),
            IntervalSeconds = 3600,
            Running = true,
            CpuReserved = cpuHours,
        }], CancellationToken.None);

    private static async Task OpenAsync(PullRequestServer pr, int number)
    {
        var (status, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", number, pr.Repository.InitialSha));
        Assert.Equal(HttpStatusCode.Accepted, status);
    }
}
