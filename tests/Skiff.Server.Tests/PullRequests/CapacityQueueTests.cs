using System.Net;
using Skiff.Core.Budgets;

namespace Skiff.Server.Tests.PullRequests;

/// <summary>
/// A host that runs one environment at a time: the second PR waits, its comment shows its place in
/// the queue, and it deploys by itself once the first PR closes and frees the slot.
/// </summary>
[Collection(EndToEnd.EngineCollection.Name)]
public sealed class CapacityQueueTests
{
    [Fact]
    public async Task A_full_host_queues_the_next_pr_shows_its_position_and_deploys_it_when_a_slot_frees()
    {
        await using var pr = await PullRequestServer.StartAsync(server: o => o with { Capacity = new CapacityLimits(MaxRunning: 1) });
        var sha = pr.Repository.InitialSha;
        try
        {
            Assert.Equal(HttpStatusCode.Accepted, (await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 21, sha))).Status);
            Assert.Equal("Ready", (await pr.WaitForShaAsync("shop-pr-21", sha)).Phase.ToString());

            Assert.Equal(HttpStatusCode.Accepted, (await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 22, sha))).Status);
            var queued = await pr.WaitForPhaseAsync("shop-pr-22", "Queued", TimeSpan.FromMinutes(1));
            Assert.Contains("1 of at most 1 environments are running (capacity.maxRunning)", queued.QueuedReason);
            Assert.True((await pr.Server.Driver.GetStateAsync("shop-pr-22", CancellationToken.None)).IsEmpty);
            var comment = await pr.WaitForCommentAsync(22, "position 1 of 1", TimeSpan.FromSeconds(30));
            Assert.Contains("Waiting for room on the host: position 1 of 1", comment.Body);

            Assert.Equal(HttpStatusCode.Accepted, (await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("closed", 21, sha))).Status);
            await pr.WaitGoneAsync("shop-pr-21");
            var ready = await pr.WaitForShaAsync("shop-pr-22", sha);
            Assert.Equal("Ready", ready.Phase.ToString());
            var (status, html) = await pr.Server.BrowseAsync("shop-pr-22.localhost");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Canvas tote bag", html);
            comment = await pr.WaitForCommentAsync(22, ready.Url!, TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("Waiting for room", comment.Body);
        }
        finally
        {
            foreach (var name in new[] { "shop-pr-21", "shop-pr-22" })
                await pr.Server.Driver.RemoveEnvironmentAsync(name, CancellationToken.None);
        }
    }
}
