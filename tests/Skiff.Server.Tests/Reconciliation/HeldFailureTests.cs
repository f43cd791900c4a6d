using System.Net;
using Skiff.Server.Configuration;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.Reconciliation;

/// <summary>
/// A reconcile that fails on the environment's own data is recorded once and then left alone
/// until its desired state changes, instead of being retried with backoff forever (each try
/// writing another failed deploy).
/// </summary>
public sealed class HeldFailureTests
{
    [Fact]
    public async Task A_pull_request_of_a_repository_no_longer_served_fails_once_and_waits_for_its_desired_state_to_change()
    {
        var repository = new RepositoryConfig
        {
            FullName = "acme/shop",
            CloneUrl = "https://github.com/acme/shop.git",
            WebhookSecret = new SecretValue("held-secret", "test"),
        };
        var restarted = false;
        await using var server = await TestServer.StartAsync(adjust: options => options with
        {
            RunReconciler = restarted,
            Repositories = restarted ? [] : [repository],
        });
        var deliveries = new WebhookDeliveries("acme", "shop", "held-secret");
        using (var opened = await deliveries.SendAsync(server.Http, "pull_request", deliveries.PullRequest("opened", 5, new string('5', 40))))
            Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);

        // The repository leaves the configuration; the next server finds the recorded environment.
        restarted = true;
        await server.RestartAsync();

        var failed = await server.WaitForGenerationAsync("shop-pr-5", 1, TimeSpan.FromMinutes(1));
        Assert.Equal("Failed", failed.Phase.ToString());
        Assert.Contains("repository acme/shop is no longer in the server configuration", failed.Error!.Message);
        Assert.Contains("not tried again until the environment's desired state changes", failed.Error.Message);
        // Backoff would have tried again after 1, 2 and 4 s.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var held = (await server.GetAsync("shop-pr-5"))!;
        Assert.Equal(1, held.Generation);
        Assert.Single(held.Deployments!);
        Assert.Equal("Failed", held.Deployments![0].Outcome.ToString());
        Assert.Single(held.Events!, e => e.Kind == "failure");

        // Asking again is a change: it is tried once more.
        using (var resume = await server.Http.PostAsync("api/v1/environments/shop-pr-5/resume", null))
            Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        var again = await server.WaitForGenerationAsync("shop-pr-5", 2, TimeSpan.FromMinutes(1));
        Assert.Equal("Failed", again.Phase.ToString());
        Assert.Equal(2, again.Deployments!.Count);

        await server.DownAsync("shop-pr-5");
        Assert.Null(await server.GetAsync("shop-pr-5"));
    }
}
