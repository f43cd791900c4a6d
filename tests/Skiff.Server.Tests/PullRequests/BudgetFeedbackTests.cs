using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Core.Budgets;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.Store;
using Skiff.Tests.Shared;

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

    [Fact]
    public async Task Over_budget_the_next_environment_is_refused_and_the_pr_comment_says_so()
    {
        await using var setup = await BudgetedServer.StartAsync(new BudgetRules(Monthly: 1m, Policy: BudgetPolicy.Refuse));
        // Earlier this month another environment reserved 30 CPU-hours: 30 × 0.04048 = 1.21 > 1.00.
        await setup.RecordUsageAsync("shop-pr-1", cpuHours: 30);

        await setup.OpenAsync(3);

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        var environment = await setup.WaitForPhaseAsync("shop-pr-3", "Queued", TimeSpan.FromMinutes(1));
        Assert.Contains("budget", environment.QueuedReason);
        Assert.True((await setup.Server.Driver.GetStateAsync("shop-pr-3", CancellationToken.None)).IsEmpty);

        // The comment is written after the phase changes: wait for it (bounded), then check all of it.
        IReadOnlyList<FakeIssueComment> comments;
        while (!(comments = await setup.CommentsAsync(3)).Any(c => c.Body.Contains("not deployed", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var comment = Assert.Single(comments);
        Assert.Contains("not deployed", comment.Body);
        Assert.Contains("1.21 of its 1.00 monthly budget", comment.Body);
        Assert.DoesNotContain(setup.GitHub.State.Deployments("acme/shop"),
            d => d.Environment == "shop-pr-3" && setup.GitHub.State.Statuses(d.Id).Any(s => s.State == "success"));
    }

    [Fact]
    public async Task Near_the_budget_the_environment_deploys_and_its_comment_shows_cost_and_budget()
    {
        await using var setup = await BudgetedServer.StartAsync(new BudgetRules(Monthly: 1m, Policy: BudgetPolicy.Refuse));
        // This PR's environment existed earlier this month (reopened since): 23 CPU-hours = 0.93, 93% of 1.00.
        await setup.RecordUsageAsync("shop-pr-4", cpuHours: 23);

        await setup.OpenAsync(4);

        await setup.WaitForPhaseAsync("shop-pr-4", "Ready", TimeSpan.FromMinutes(3));
        try
        {
            var comment = Assert.Single(await setup.CommentsAsync(4));
            var expected = (23 * VcpuHour).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"Cost so far this month: {expected} USD", comment.Body);
            Assert.Contains("Budget: acme/shop spent 0.93 of its 1.00 monthly budget: 93%", comment.Body);
        }
        finally
        {
            await setup.Server.Driver.RemoveEnvironmentAsync("shop-pr-4", CancellationToken.None);
        }
    }

    /// <summary>A real server serving one repository with a budget, and the fake GitHub API recording what it is told.</summary>
    private sealed class BudgetedServer : IAsyncDisposable
    {
        private const string Secret = "budget-secret";
        private readonly WebhookDeliveries _deliveries = new("acme", "shop", Secret);

        private BudgetedServer(GitRepositoryFixture repository, FakeGitHubApi github, TestServer server) =>
            (Repository, GitHub, Server) = (repository, github, server);

        public GitRepositoryFixture Repository { get; }

        public FakeGitHubApi GitHub { get; }

        public TestServer Server { get; }

        public static async Task<BudgetedServer> StartAsync(BudgetRules budget)
        {
            var repository = await GitRepositoryFixture.CreateAsync();
            var github = await FakeGitHubApi.StartAsync();
            var server = await TestServer.StartAsync(adjust: options => options with
            {
                Repositories =
                [
                    new RepositoryConfig
                    {
                        FullName = "acme/shop",
                        CloneUrl = repository.CloneUrl,
                        WebhookSecret = new SecretValue(Secret, "test"),
                        Token = new SecretValue("token", "test"),
                        ApiUrl = github.BaseUrl,
                        Budget = budget,
                    },
                ],
            });
            return new BudgetedServer(repository, github, server);
        }

        /// <summary>One hour-long sample of the meter, an hour ago, reserving <paramref name="cpuHours"/> vCPUs.</summary>
        public Task RecordUsageAsync(string environment, int cpuHours) =>
            Server.Services.GetRequiredService<UsageStore>().AddAsync([new UsageRecord
            {
                EnvironmentName = environment,
                Repository = "acme/shop",
                Service = "web",
                At = DateTimeOffset.UtcNow.AddMinutes(-61),
                IntervalSeconds = 3600,
                Running = true,
                CpuReserved = cpuHours,
            }], CancellationToken.None);

        public async Task OpenAsync(int number)
        {
            using var response = await _deliveries.SendAsync(Server.Http, "pull_request", _deliveries.PullRequest("opened", number, Repository.InitialSha));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        public async Task<Core.Api.EnvironmentDto> WaitForPhaseAsync(string name, string phase, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            Core.Api.EnvironmentDto? environment;
            while ((environment = await Server.GetAsync(name)) is null || environment.Phase != phase)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{name} is not {phase}: {environment?.Phase} {environment?.Error}");
                await Task.Delay(100);
            }
            return environment;
        }

        public async Task<IReadOnlyList<FakeIssueComment>> CommentsAsync(int number)
        {
            await Server.Services.GetRequiredService<IPullRequestReporter>().FlushAsync(CancellationToken.None);
            return GitHub.State.Comments("acme/shop", number);
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            await GitHub.DisposeAsync();
            await Repository.DisposeAsync();
        }
    }
}
