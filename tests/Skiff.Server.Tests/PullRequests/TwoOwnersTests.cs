using System.Net;
using Skiff.Server.Tests.EndToEnd;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.PullRequests;

/// <summary>
/// acme/shop and other/shop, two repositories with one name, each open, push and close their pull
/// request number 1 on one real server: two environments with two databases, and nothing one
/// repository does touches the other's environment, data, comment or deployment. (Every order of
/// those events is walked over the store in PullRequestRecorderTests; this is one, end to end.)
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class TwoOwnersTests
{
    [Fact]
    public async Task Two_owners_with_one_repository_name_never_share_or_touch_an_environment()
    {
        await using var pr = await PullRequestServer.StartAsync(otherOwner: "other");
        var other = pr.Other!;
        const string acmeEnvironment = "acme-shop-pr-1";
        const string otherEnvironment = "other-shop-pr-1";
        try
        {
            var acmeSha = await pr.PushHeadingAsync(1, "acme-first");
            var (acmeOpened, acmeBody) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("opened", 1, acmeSha));
            var otherSha = await PullRequestServer.PushHeadingAsync(other.Git, 1, "other-first");
            var (otherOpened, otherBody) = await pr.SendAsync(other.Deliveries, "pull_request", other.Deliveries.PullRequest("opened", 1, otherSha));

            Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (acmeOpened, otherOpened));
            Assert.Equal(acmeEnvironment, acmeBody.GetProperty("environment").GetString());
            Assert.Equal(otherEnvironment, otherBody.GetProperty("environment").GetString());
            var acme = await pr.WaitForShaAsync(acmeEnvironment, acmeSha);
            Assert.True(acme.Phase == "Ready", $"{acme.Error?.Service}: {acme.Error?.Message} {string.Join(" | ", acme.Error?.LogTail ?? [])}");
            var otherReady = await pr.WaitForShaAsync(otherEnvironment, otherSha);
            Assert.True(otherReady.Phase == "Ready", $"{otherReady.Error?.Service}: {otherReady.Error?.Message} {string.Join(" | ", otherReady.Error?.LogTail ?? [])}");

            // Two databases: a row written into acme's is served by acme's shop only.
            var acmeDb = acme.Services.Single(s => s.Name == "db").ContainerId!;
            var insert = await pr.Server.Driver.ExecAsync(acmeDb, ["psql", "-U", "shop", "-d", "shop", "-v", "ON_ERROR_STOP=1", "-c",
                "INSERT INTO products (sku, name, description, category_id, price_cents, stock) SELECT 'ACME-ONLY', 'Only in acme', 'x', id, 100, 1 FROM categories WHERE slug = 'bags'"],
                TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.True(insert.ExitCode == 0, insert.Output);
            Assert.Contains("Only in acme", (await pr.Server.BrowseAsync($"{acmeEnvironment}.localhost")).Body);
            Assert.DoesNotContain("Only in acme", (await pr.Server.BrowseAsync($"{otherEnvironment}.localhost")).Body);

            await pr.FlushFeedbackAsync();
            var acmeContainers = ContainerIds(acme);
            var acmeRequests = AcmeRequests(pr);
            var acmeComment = Assert.Single(pr.GitHub.State.Comments("acme/shop", 1)).Body;

            // other/shop pushes, then closes its PR 1.
            var otherSecond = await PullRequestServer.PushHeadingAsync(other.Git, 1, "other-second");
            var (pushed, _) = await pr.SendAsync(other.Deliveries, "pull_request", other.Deliveries.PullRequest("synchronize", 1, otherSecond));
            Assert.Equal(HttpStatusCode.Accepted, pushed);
            Assert.Equal("Ready", (await pr.WaitForShaAsync(otherEnvironment, otherSecond)).Phase.ToString());
            Assert.Contains("other-second", (await pr.Server.BrowseAsync($"{otherEnvironment}.localhost")).Body);
            var (closed, closedBody) = await pr.SendAsync(other.Deliveries, "pull_request", other.Deliveries.PullRequest("closed", 1, otherSecond));
            Assert.Equal(HttpStatusCode.Accepted, closed);
            Assert.Equal(otherEnvironment, closedBody.GetProperty("environment").GetString());
            await pr.WaitGoneAsync(otherEnvironment);
            await pr.FlushFeedbackAsync();

            // acme's environment, containers, database, comment and deployments are as they were.
            var after = (await pr.Server.GetAsync(acmeEnvironment))!;
            Assert.Equal(("Ready", acmeSha), (after.Phase, after.PullRequest!.Sha));
            Assert.Equal(acmeContainers, ContainerIds(after));
            var (status, html) = await pr.Server.BrowseAsync($"{acmeEnvironment}.localhost");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("acme-first", html);
            Assert.Contains("Only in acme", html);
            Assert.Contains((await pr.Server.Driver.GetStateAsync(acmeEnvironment, CancellationToken.None)).Volumes, v => v.Contains("db-data"));
            Assert.Equal(acmeRequests, AcmeRequests(pr));
            Assert.Equal(acmeComment, Assert.Single(pr.GitHub.State.Comments("acme/shop", 1)).Body);
            Assert.All(pr.GitHub.State.Deployments("acme/shop"), d => Assert.Equal("success", pr.GitHub.State.Statuses(d.Id)[^1].State));
            Assert.Contains("Removed", Assert.Single(pr.GitHub.State.Comments("other/shop", 1)).Body);
            Assert.Empty(pr.GitHub.State.OutOfOrderDeployments("acme/shop"));
            Assert.Empty(pr.GitHub.State.OutOfOrderDeployments("other/shop"));

            var (acmeClosed, _) = await pr.SendAsync("pull_request", pr.Deliveries.PullRequest("closed", 1, acmeSha));
            Assert.Equal(HttpStatusCode.Accepted, acmeClosed);
            await pr.WaitGoneAsync(acmeEnvironment);
        }
        finally
        {
            await pr.Server.Driver.RemoveEnvironmentAsync(acmeEnvironment, CancellationToken.None);
            await pr.Server.Driver.RemoveEnvironmentAsync(otherEnvironment, CancellationToken.None);
        }
    }

    private static Dictionary<string, string?> ContainerIds(Core.Api.EnvironmentDto environment) =>
        environment.Services.ToDictionary(s => s.Name, s => s.ContainerId);

    private static List<string> AcmeRequests(PullRequestServer pr) =>
        [.. pr.GitHub.Requests.Where(r => r.Path.StartsWith("/repos/acme/", StringComparison.Ordinal)).Select(r => r.ToString())];
}
