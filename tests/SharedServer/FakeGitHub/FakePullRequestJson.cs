using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.Tests.Shared;

/// <summary>
/// A pull request in the JSON shape of GitHub's REST reference, "Get a pull request" (API version
/// 2022-11-28): the top-level fields, <c>head</c> and <c>base</c> with a short repository object,
/// <c>_links</c> and the merge fields. Values GitHub computes (mergeability, diff counts) are fixed.
/// </summary>
internal sealed class FakePullRequestJson(Uri baseUrl)
{
    public JsonObject PullRequest(FakePullRequest p)
    {
        var repo = p.Repository;
        var self = Api($"repos/{repo}/pulls/{p.Number}");
        var html = Web($"{repo}/pull/{p.Number}");
        return new JsonObject
        {
            ["url"] = self,
            ["id"] = 1_000_000 + p.Number,
            ["node_id"] = NodeId("PullRequest", 1_000_000 + p.Number),
            ["html_url"] = html,
            ["diff_url"] = html + ".diff",
            ["patch_url"] = html + ".patch",
            ["issue_url"] = Api($"repos/{repo}/issues/{p.Number}"),
            ["commits_url"] = self + "/commits",
            ["review_comments_url"] = self + "/comments",
            ["review_comment_url"] = Api($"repos/{repo}/pulls/comments{{/number}}"),
            ["comments_url"] = Api($"repos/{repo}/issues/{p.Number}/comments"),
            ["statuses_url"] = Api($"repos/{repo}/statuses/{p.HeadSha}"),
            ["number"] = p.Number,
            ["state"] = p.State,
            ["locked"] = false,
            ["title"] = p.Title,
            ["user"] = User(p.Author),
            ["body"] = "",
            ["labels"] = new JsonArray(),
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = FakeGitHubJson.Time(p.CreatedAt),
            ["updated_at"] = FakeGitHubJson.Time(p.UpdatedAt),
            ["closed_at"] = p.ClosedAt is { } closed ? FakeGitHubJson.Time(closed) : null,
            ["merged_at"] = p.MergedAt is { } merged ? FakeGitHubJson.Time(merged) : null,
            ["merge_commit_sha"] = p.Merged ? new string('e', 40) : null,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["requested_reviewers"] = new JsonArray(),
            ["requested_teams"] = new JsonArray(),
            ["head"] = Branch(repo, p.HeadRef, p.HeadSha, p.Author),
            ["base"] = Branch(repo, p.BaseRef, new string('b', 40), Owner(repo)),
            ["_links"] = new JsonObject
            {
                ["self"] = Link(self),
                ["html"] = Link(html),
                ["issue"] = Link(Api($"repos/{repo}/issues/{p.Number}")),
                ["comments"] = Link(Api($"repos/{repo}/issues/{p.Number}/comments")),
                ["review_comments"] = Link(self + "/comments"),
                ["review_comment"] = Link(Api($"repos/{repo}/pulls/comments{{/number}}")),
                ["commits"] = Link(self + "/commits"),
                ["statuses"] = Link(Api($"repos/{repo}/statuses/{p.HeadSha}")),
            },
            ["author_association"] = "CONTRIBUTOR",
            ["auto_merge"] = null,
            ["draft"] = false,
            ["merged"] = p.Merged,
            ["mergeable"] = p.State == "open" ? true : null,
            ["rebaseable"] = p.State == "open" ? true : null,
            ["mergeable_state"] = p.State == "open" ? "clean" : "unknown",
            ["merged_by"] = p.Merged ? User(Owner(repo)) : null,
            ["comments"] = 0,
            ["review_comments"] = 0,
            ["maintainer_can_modify"] = false,
            ["commits"] = 1,
            ["additions"] = 1,
            ["deletions"] = 1,
            ["changed_files"] = 1,
        };
    }

    private JsonObject Branch(string repo, string reference, string sha, string login) => new()
    {
        ["label"] = $"{login}:{reference}",
        ["ref"] = reference,
        ["sha"] = sha,
        ["user"] = User(login),
        ["repo"] = Repository(repo),
    };

    private JsonObject Repository(string repo)
    {
        var name = repo[(repo.IndexOf('/') + 1)..];
        return new JsonObject
        {
            ["id"] = 1296269,
            ["node_id"] = NodeId("Repository", 1296269),
            ["name"] = name,
            ["full_name"] = repo,
            ["owner"] = User(Owner(repo)),
            ["private"] = false,
            ["html_url"] = Web(repo),
            ["description"] = null,
            ["fork"] = false,
            ["url"] = Api($"repos/{repo}"),
            ["clone_url"] = Web(repo) + ".git",
            ["default_branch"] = "main",
            ["visibility"] = "public",
        };
    }

    private JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = 583231,
        ["node_id"] = NodeId("User", 583231),
        ["avatar_url"] = "https://avatars.githubusercontent.com/u/583231?v=4",
        ["gravatar_id"] = "",
        ["url"] = Api($"users/{login}"),
        ["html_url"] = Web(login),
        ["type"] = "User",
        ["site_admin"] = false,
    };

    private static JsonObject Link(string href) => new() { ["href"] = href };

    private static string Owner(string repo) => repo[..repo.IndexOf('/')];

    private static string NodeId(string type, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{type.Length:000}:{type}{id}")));

    private string Api(string path) => new Uri(baseUrl, path).AbsoluteUri;

    private static string Web(string path) => "https://github.com/" + path;
}
