using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.Tests.Shared;

/// <summary>
/// The objects of the fake in the JSON shape of GitHub's REST API reference (API version
/// 2022-11-28): deployment, deployment status, issue comment, simple user, error. Node ids follow
/// GitHub's older base64 form (<c>base64("010:Deployment42")</c>), as in the reference's examples.
/// </summary>
internal sealed class FakeGitHubJson(Uri baseUrl)
{
    public const string BotLogin = "skiff-test[bot]";

    private const long BotId = 41898282;

    public JsonObject Deployment(FakeDeployment d) => new()
    {
        ["url"] = Api($"repos/{d.Repository}/deployments/{d.Id}"),
        ["id"] = d.Id,
        ["node_id"] = NodeId("Deployment", d.Id),
        ["sha"] = d.Sha,
        ["ref"] = d.Ref,
        ["task"] = d.Task,
        ["payload"] = d.Payload is { ValueKind: JsonValueKind.Object } payload ? JsonNode.Parse(payload.GetRawText()) : new JsonObject(),
        ["original_environment"] = d.Environment,
        ["environment"] = d.Environment,
        ["description"] = d.Description,
        ["creator"] = User(),
        ["created_at"] = Time(d.CreatedAt),
        ["updated_at"] = Time(d.CreatedAt),
        ["statuses_url"] = Api($"repos/{d.Repository}/deployments/{d.Id}/statuses"),
        ["repository_url"] = Api($"repos/{d.Repository}"),
        ["transient_environment"] = d.TransientEnvironment,
        ["production_environment"] = d.ProductionEnvironment,
        ["performed_via_github_app"] = null,
    };

    public JsonObject Status(FakeDeploymentStatus s, FakeDeployment d) => new()
    {
        ["url"] = Api($"repos/{d.Repository}/deployments/{d.Id}/statuses/{s.Id}"),
        ["id"] = s.Id,
        ["node_id"] = NodeId("DeploymentStatus", s.Id),
        ["state"] = s.State,
        ["creator"] = User(),
        ["description"] = s.Description ?? "",
        ["environment"] = s.Environment,
        ["target_url"] = s.LogUrl ?? "",
        ["created_at"] = Time(s.CreatedAt),
        ["updated_at"] = Time(s.CreatedAt),
        ["deployment_url"] = Api($"repos/{d.Repository}/deployments/{d.Id}"),
        ["repository_url"] = Api($"repos/{d.Repository}"),
        ["environment_url"] = s.EnvironmentUrl ?? "",
        ["log_url"] = s.LogUrl ?? "",
        ["performed_via_github_app"] = null,
    };

    public JsonObject Comment(FakeIssueComment c) => new()
    {
        ["url"] = Api($"repos/{c.Repository}/issues/comments/{c.Id}"),
        ["html_url"] = Web($"{c.Repository}/pull/{c.Issue}#issuecomment-{c.Id}"),
        ["issue_url"] = Api($"repos/{c.Repository}/issues/{c.Issue}"),
        ["id"] = c.Id,
        ["node_id"] = NodeId("IssueComment", c.Id),
        ["user"] = User(c.UserLogin),
        ["created_at"] = Time(c.CreatedAt),
        ["updated_at"] = Time(c.UpdatedAt),
        ["author_association"] = c.UserLogin == BotLogin ? "NONE" : "OWNER",
        ["body"] = c.Body,
        ["reactions"] = new JsonObject
        {
            ["url"] = Api($"repos/{c.Repository}/issues/comments/{c.Id}/reactions"),
            ["total_count"] = 0, ["+1"] = 0, ["-1"] = 0, ["laugh"] = 0, ["hooray"] = 0,
            ["confused"] = 0, ["heart"] = 0, ["rocket"] = 0, ["eyes"] = 0,
        },
        ["performed_via_github_app"] = null,
    };

    public static JsonObject Error(string message, string documentation, int status, JsonArray? errors = null)
    {
        var error = new JsonObject { ["message"] = message };
        if (errors is not null)
            error["errors"] = errors;
        error["documentation_url"] = documentation;
        error["status"] = status.ToString(CultureInfo.InvariantCulture);
        return error;
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private JsonObject User(string login = BotLogin)
    {
        var id = login == BotLogin ? BotId : 21031067;
        return new JsonObject
        {
            ["login"] = login,
            ["id"] = id,
            ["node_id"] = NodeId(login == BotLogin ? "Bot" : "User", id),
            ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{id}?v=4",
            ["gravatar_id"] = "",
            ["url"] = Api($"users/{login}"),
            ["html_url"] = Web(login),
            ["followers_url"] = Api($"users/{login}/followers"),
            ["following_url"] = Api($"users/{login}/following{{/other_user}}"),
            ["gists_url"] = Api($"users/{login}/gists{{/gist_id}}"),
            ["starred_url"] = Api($"users/{login}/starred{{/owner}}{{/repo}}"),
            ["subscriptions_url"] = Api($"users/{login}/subscriptions"),
            ["organizations_url"] = Api($"users/{login}/orgs"),
            ["repos_url"] = Api($"users/{login}/repos"),
            ["events_url"] = Api($"users/{login}/events{{/privacy}}"),
            ["received_events_url"] = Api($"users/{login}/received_events"),
            ["type"] = login == BotLogin ? "Bot" : "User",
            ["site_admin"] = false,
        };
    }

    private static string NodeId(string type, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{type.Length:000}:{type}{id}")));

    private string Api(string path) => new Uri(baseUrl, path).AbsoluteUri;

    private static string Web(string path) => "https://github.com/" + path;
}
